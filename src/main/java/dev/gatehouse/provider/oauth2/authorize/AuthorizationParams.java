package dev.gatehouse.provider.oauth2.authorize;

import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.OIDCResponseTypeValue;
import dev.gatehouse.core.Application;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, §3.2.2.1, §3.3.2.1) for a known client
 * and a redirect URI registered for it. {@code responseType} is one of {@link AuthorizationResponseTypes#SUPPORTED};
 * {@code issuer} is the provider's issuer URL as the client reached it (the id_token's {@code iss} and the
 * responses' RFC 9207 {@code iss}). {@code redirectUri} is exactly as sent, or the single registered one when the
 * request omitted it. {@code scope} is what is granted: the requested scopes that the provider's scope mappings
 * offer, in request order; {@code permissions} are their consent descriptions (scopes without one are left
 * out, as authentik does). {@code codeChallengeMethod} is {@code S256}, {@code plain} or null (no PKCE);
 * {@code maxAge} null when not sent.
 */
public record AuthorizationParams(OAuth2Provider provider, Application application, String issuer, URI redirectUri,
                                  ResponseType responseType, ResponseMode responseMode, State state, List<String> scope,
                                  Map<String, String> permissions, String nonce, String codeChallenge,
                                  String codeChallengeMethod, Set<String> prompt, Integer maxAge, String loginHint) {

    public AuthorizationParams {
        scope = List.copyOf(scope);
        permissions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(permissions));
        prompt = Set.copyOf(prompt);
    }

    public String clientId() {
        return provider.clientId();
    }

    /** The granted scopes as the space-separated string tokens carry. */
    public String scopeString() {
        return String.join(" ", scope);
    }

    /** A code goes to the client (code flow, hybrid flow). */
    public boolean issuesCode() {
        return responseType.contains(ResponseType.Value.CODE);
    }

    /** An access token goes to the client from this endpoint (implicit or hybrid flow with {@code token}). */
    public boolean issuesAccessToken() {
        return responseType.contains(ResponseType.Value.TOKEN);
    }

    /** An id_token goes to the client from this endpoint (implicit or hybrid flow with {@code id_token}). */
    public boolean issuesIdToken() {
        return responseType.contains(OIDCResponseTypeValue.ID_TOKEN);
    }

    public boolean prompts(String value) {
        return prompt.contains(value);
    }
}
