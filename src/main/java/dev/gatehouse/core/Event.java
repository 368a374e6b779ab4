package dev.gatehouse.core;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One audit-log entry. */
public record Event(UUID pk, String action, Map<String, Object> user, String app, Map<String, Object> context,
                    String clientIp, Map<String, Object> brand, Instant created, Instant expires) {
}
