package dev.gatehouse.notification;

import java.util.UUID;

/**
 * A notification transport (authentik's {@code NotificationTransport}): how matched events reach people.
 * {@code webhookSecret} is the plaintext of the sealed column, "" when there is none, or null when it cannot be
 * decrypted (SECRET_KEY changed since it was set); it never leaves the server.
 */
public record Transport(UUID pk, String name, TransportMode mode, String webhookUrl, String webhookSecret,
                        boolean sendOnce) {
    public boolean signed() {
        return webhookSecret != null && !webhookSecret.isEmpty();
    }
}
