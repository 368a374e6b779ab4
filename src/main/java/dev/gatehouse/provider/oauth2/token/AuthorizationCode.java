package dev.gatehouse.provider.oauth2.token;

import java.time.Instant;
import java.util.UUID;

/**
 * An authorization code as stored: looked up by the SHA-256 of the code, never the code itself. It carries
 * what the token endpoint must check (redirect URI, PKCE challenge — RFC 7636 §4.6) and what the id_token
 * repeats (nonce, auth_time, amr, the session it came from).
 */
public record AuthorizationCode(String codeHash, UUID family, long provider, long user, String redirectUri,
                                String scope, String nonce, String codeChallenge, String codeChallengeMethod,
                                Instant authTime, String sessionHash, String amr, Instant expires, boolean used) {

    public boolean expired(Instant now) {
        return !now.isBefore(expires);
    }
}
