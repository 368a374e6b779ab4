package dev.gatehouse.provider.oauth2.authorize;

import dev.gatehouse.crypto.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Proof, carried in the authorize URL the browser returns to, that Gatehouse sent the user to sign in again
 * for this client at a given time ({@code prompt=login}, an exceeded {@code max_age}, OIDC Core §3.1.2.1). A
 * sign-in after that time satisfies the request, so the round trip does not loop; the value is an HMAC under
 * the secret key, so a client cannot forge one to skip the sign-in, and it is good for {@link #VALIDITY}.
 */
final class ReauthMarker {
    static final String PARAM = "gatehouse_reauth";
    static final Duration VALIDITY = Duration.ofMinutes(30);
    private final byte[] key;

    ReauthMarker(String secretKey) {
        this.key = Secrets.sha256(("gatehouse.oauth2-reauth|" + secretKey).getBytes(StandardCharsets.UTF_8));
    }

    String issue(String clientId, Instant now) {
        long millis = now.toEpochMilli();
        return millis + "." + mac(clientId, millis);
    }

    /** When the user was sent to sign in, if {@code value} is a marker this server issued recently for the client. */
    Optional<Instant> sentAt(String clientId, String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        long millis;
        try {
            millis = Long.parseLong(value.substring(0, Math.max(dot, 0)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Instant at = Instant.ofEpochMilli(millis);
        if (!Secrets.constantTimeEquals(mac(clientId, millis), value.substring(dot + 1)) || at.isAfter(now)
                || at.plus(VALIDITY).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(at);
    }

    private String mac(String clientId, long millis) {
        return Secrets.hmacSha256Url(key, clientId + "|" + millis);
    }
}
