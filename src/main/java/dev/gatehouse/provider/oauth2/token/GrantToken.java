package dev.gatehouse.provider.oauth2.token;

import java.time.Instant;
import java.util.UUID;

/**
 * A token an OAuth2 provider issued, as stored: a refresh token by the SHA-256 of its opaque value, an access
 * token (a signed JWT) by the SHA-256 of its {@code jti}, so revocation and introspection see its state.
 */
public record GrantToken(String tokenHash, Kind kind, UUID family, long provider, long user, String scope,
                         Instant authTime, String sessionHash, String amr, Instant expires, boolean revoked,
                         boolean rotated) {

    public enum Kind {
        ACCESS, REFRESH;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Usable now: not expired, not revoked, and (for a refresh token) not already rotated. */
    public boolean active(Instant now) {
        return now.isBefore(expires) && !revoked && !rotated;
    }
}
