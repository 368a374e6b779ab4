package dev.gatehouse.stage.invitation;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An invitation (authentik's {@code Invitation}): the link {@code /if/flow/<slug>/?itoken=<pk>} lets its holder
 * through an invitation stage, with {@code fixedData} put into the flow's prompt data. {@code flow} null means any
 * flow with an invitation stage may use it; {@code expires} null means it does not expire; a {@code singleUse} one
 * is deleted when the enrollment it let through writes its user. {@code createdBy} is the user who made it.
 */
public record Invitation(UUID pk, String name, Instant expires, boolean singleUse, Map<String, Object> fixedData,
                         UUID flow, long createdBy, Instant created) {
    public Invitation {
        fixedData = fixedData == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(fixedData));
    }

    /** Whether it can no longer be used at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expires != null && !expires.isAfter(now);
    }
}
