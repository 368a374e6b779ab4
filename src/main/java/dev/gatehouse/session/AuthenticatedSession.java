package dev.gatehouse.session;

import java.time.Instant;
import java.util.UUID;

/**
 * A browser session as stored: the key itself is never kept, only {@code keyHash} (SHA-256 hex).
 * {@code data} is a JSON document reserved for flow state.
 */
public record AuthenticatedSession(UUID uuid, String keyHash, long user, Instant created, Instant lastUsed,
                                   Instant expires, String clientIp, String userAgent, String data) {

    public boolean expired(Instant now) {
        return !expires.isAfter(now);
    }

    public AuthenticatedSession withLastUsed(Instant when) {
        return new AuthenticatedSession(uuid, keyHash, user, created, when, expires, clientIp, userAgent, data);
    }

    @Override
    public String toString() {
        return "AuthenticatedSession[uuid=" + uuid + ", user=" + user + "]";
    }
}
