package dev.gatehouse.core;

import java.time.Instant;
import java.util.UUID;

/** A token. Only the SHA-256 of its key is kept; the key itself is shown once, at creation. */
public record Token(UUID pk, String identifier, String keyHash, TokenIntent intent, long user, String description,
                    Instant expires, boolean expiring, String managed, Instant created) {

    public boolean expired(Instant now) {
        return expiring && expires != null && !expires.isAfter(now);
    }

    @Override
    public String toString() {
        return "Token[identifier=" + identifier + ", intent=" + intent + ", user=" + user + "]";
    }
}
