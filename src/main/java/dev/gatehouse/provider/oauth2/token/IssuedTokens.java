package dev.gatehouse.provider.oauth2.token;

import java.time.Duration;

/**
 * The tokens of one token response (RFC 6749 §5.1; OIDC Core §3.1.3.3) or authorization response (OIDC Core
 * §3.2.2.5, §3.3.2.5): refresh and id token may be null; the access token too when the authorization endpoint
 * answers {@code response_type=id_token} or {@code code id_token}.
 */
public record IssuedTokens(String accessToken, Duration expiresIn, String scope, String refreshToken, String idToken) {

    @Override
    public String toString() {
        return "IssuedTokens[scope=" + scope + ", expiresIn=" + expiresIn + "]";
    }
}
