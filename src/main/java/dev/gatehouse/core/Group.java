package dev.gatehouse.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A group; several parents are allowed, cycles are not. */
public record Group(UUID pk, String name, boolean isSuperuser, List<UUID> parents,
                    Map<String, Object> attributes, Instant created) {
}
