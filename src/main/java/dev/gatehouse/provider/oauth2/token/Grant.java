package dev.gatehouse.provider.oauth2.token;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.User;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What tokens are issued for: the client (provider and its application), the user, the granted scopes, the
 * token family, and the authentication facts the id_token repeats. {@code issuer} is the provider's issuer
 * URL as the client knows it; {@code nonce}, {@code sessionHash} and {@code code} may be null.
 */
public record Grant(OAuth2Provider provider, Application application, User user, Set<String> scopes, UUID family,
                   Instant authTime, String sessionHash, String amr, String nonce, String issuer, String code,
                   RequestFacts request) {

    /** The HTTP facts of the token request a scope mapping may read ({@code request.http_request}). */
    public record RequestFacts(String clientIp, String host, String path, String userAgent) {
    }

    public Grant {
        scopes = Set.copyOf(scopes);
    }

    public boolean openid() {
        return scopes.contains("openid");
    }
}
