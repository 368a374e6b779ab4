package dev.gatehouse.session;

import java.time.Instant;
import java.util.UUID;

/**
 * A browser session as stored: the key itself is never kept, only {@code keyHash} (SHA-256 hex).
 * {@code data} is a JSON document reserved for flow state. {@code amr} is how the user signed in (RFC 8176
 * values separated by spaces, empty when unknown); the tokens issued for the session repeat it.
 */
public record AuthenticatedSession(UUID uuid, String keyHash, long user, Instant created, Instant lastUsed,
                                   Instant expires, String clientIp, String userAgent, String data, String amr) {

    public boolean expired(Instant now) {
        return !expires.isAfter(now);
    }

    public AuthenticatedSession withLastUsed(Instant when) {
        return new AuthenticatedSession(uuid, keyHash, user, created, when, expires, clientIp, userAgent, data, amr);
    }

    @Override
    public String toString() {
        return "AuthenticatedSession[uuid=" + uuid + ", user=" + user + "]";
    }
}
