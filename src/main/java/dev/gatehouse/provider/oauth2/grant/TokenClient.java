package dev.gatehouse.provider.oauth2.grant;

import dev.gatehouse.core.Application;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.token.Grant;
import java.util.Set;

/** The authenticated client of a token request: its provider, application, issuer URL and the request's facts. */
public record TokenClient(OAuth2Provider provider, Application application, String issuer, Grant.RequestFacts request,
                          Set<String> allowedScopes) {
}
