package dev.gatehouse.provider.proxy;

import dev.gatehouse.crypto.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The OAuth {@code state} of a forward-auth sign-in (RFC 6749 §10.12): a short-lived value this server signs
 * (HMAC-SHA256 under a key derived from the secret key, for this purpose only) that carries the provider, the
 * return URL (already checked against the provider's hosts) and the browser binding — the S256 challenge of the
 * verifier kept in the browser's state cookie, so a callback in another browser is not accepted and the code
 * exchange needs that verifier (PKCE, RFC 7636).
 */
final class SignInState {
    static final Duration VALIDITY = Duration.ofMinutes(10);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final byte[] key;

    SignInState(String secretKey) {
        this.key = Secrets.sha256(("gatehouse.proxy-sign-in-state|" + secretKey).getBytes(StandardCharsets.UTF_8));
    }

    /** A verified state: the provider, where to return, the verifier's S256 challenge and when it was issued. */
    record State(long provider, String returnTo, String challenge, Instant issued) {
    }

    String issue(long provider, String returnTo, String challenge, Instant now) {
        String payload = B64.encodeToString((provider + "\n" + now.getEpochSecond() + "\n" + challenge + "\n" + returnTo)
                .getBytes(StandardCharsets.UTF_8));
        return payload + "." + Secrets.hmacSha256Url(key, payload);
    }

    /** The state, when this server issued it less than {@link #VALIDITY} ago and nobody changed it. */
    Optional<State> verify(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        int dot = value.indexOf('.');
        if (dot <= 0 || !Secrets.constantTimeEquals(Secrets.hmacSha256Url(key, value.substring(0, dot)),
                value.substring(dot + 1))) {
            return Optional.empty();
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(value.substring(0, dot)), StandardCharsets.UTF_8)
                    .split("\n", 4);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            if (issued.isAfter(now.plusSeconds(5)) || issued.plus(VALIDITY).isBefore(now)) {
                return Optional.empty();
            }
            return Optional.of(new State(Long.parseLong(parts[0]), parts[3], parts[2], issued));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The S256 code challenge of a verifier (RFC 7636 §4.2). */
    static String challenge(String verifier) {
        return B64.encodeToString(Secrets.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
