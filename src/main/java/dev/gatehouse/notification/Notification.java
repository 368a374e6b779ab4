package dev.gatehouse.notification;

import java.time.Instant;
import java.util.UUID;

/** What the local transport shows one user (authentik's {@code Notification}); {@code event} null once it expired. */
public record Notification(UUID pk, long user, UUID event, Severity severity, String body, Instant created,
                           boolean seen) {
}
