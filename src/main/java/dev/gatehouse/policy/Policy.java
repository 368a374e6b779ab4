package dev.gatehouse.policy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A configured policy; {@code type} names its {@link PolicyType}, which owns {@code config}. */
public record Policy(UUID pk, String name, String type, Map<String, Object> config, boolean executionLogging,
                     Instant created) {
}
