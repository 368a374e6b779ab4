package dev.gatehouse.flow;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A configured stage; {@code type} names its {@link dev.gatehouse.flow.engine.StageType}, which owns {@code config}. */
public record Stage(UUID pk, String name, String type, Map<String, Object> config, Instant created) {
}
