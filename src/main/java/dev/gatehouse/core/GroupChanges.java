package dev.gatehouse.core;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fields to set on a group; {@code null} means "leave as is". */
public record GroupChanges(String name, Boolean isSuperuser, List<UUID> parents, Map<String, Object> attributes,
                           List<Long> users) {
}
