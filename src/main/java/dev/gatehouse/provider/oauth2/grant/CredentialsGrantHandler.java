package dev.gatehouse.provider.oauth2.grant;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import dev.gatehouse.core.User;
import dev.gatehouse.provider.oauth2.Scopes;
import dev.gatehouse.provider.oauth2.token.Grant;
import dev.gatehouse.provider.oauth2.token.IssuedTokens;
import dev.gatehouse.provider.oauth2.token.TokenIssuer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code client_credentials} and {@code password}: a token for {@link CredentialsUser} (an app password's
 * owner or the provider's service account) — authentik treats the two grants alike. One instance per grant
 * type. No refresh token: the client can always ask again.
 */
public final class CredentialsGrantHandler implements GrantHandler {
    private final GrantType type;
    private final CredentialsUser users;
    private final TokenIssuer issuer;

    public CredentialsGrantHandler(GrantType type, CredentialsUser users, TokenIssuer issuer) {
        if (!GrantType.CLIENT_CREDENTIALS.equals(type) && !GrantType.PASSWORD.equals(type)) {
            throw new IllegalArgumentException("not a credentials grant: " + type);
        }
        this.type = type;
        this.users = users;
        this.issuer = issuer;
    }

    @Override
    public boolean supports(GrantType requested) {
        return type.equals(requested);
    }

    @Override
    public IssuedTokens handle(AuthorizationGrant grant, Scope requested, TokenClient client,
                               Map<String, List<String>> params) {
        User user = users.resolve(client, params);
        Set<String> scopes = Scopes.granted(requested, client.allowedScopes());
        scopes.remove("offline_access");
        return issuer.issue(new Grant(client.provider(), client.application(), user, scopes, dev.gatehouse.crypto.Secrets.uuid(),
                Instant.now(), null, "pwd", null, client.issuer(), null, client.request()));
    }
}
