package dev.gatehouse.provider.oauth2.grant;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import java.util.List;
import java.util.Map;
import dev.gatehouse.provider.oauth2.token.IssuedTokens;

/**
 * One grant type of the token endpoint (DESIGN.md point 2: one class per grant, chosen by {@link #supports},
 * never an if/else ladder). Failures are {@link dev.gatehouse.provider.oauth2.OAuth2Exception}s.
 */
public interface GrantHandler {
    boolean supports(GrantType type);

    IssuedTokens handle(AuthorizationGrant grant, Scope requested, TokenClient client, Map<String, List<String>> params);
}
