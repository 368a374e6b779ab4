package dev.gatehouse.outpost;

import java.util.List;
import java.util.Map;

/** A create or update of an outpost; null means "not given". {@code config} keys given replace the stored ones. */
public record OutpostChanges(String name, String type, List<Long> providers, Map<String, Object> config) {
}
