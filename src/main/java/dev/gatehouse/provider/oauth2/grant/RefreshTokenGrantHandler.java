package dev.gatehouse.provider.oauth2.grant;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.provider.oauth2.Scopes;
import dev.gatehouse.provider.oauth2.token.GrantToken;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import java.util.List;
import dev.gatehouse.core.User;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.provider.oauth2.token.Grant;
import dev.gatehouse.provider.oauth2.token.IssuedTokens;
import dev.gatehouse.provider.oauth2.token.TokenIssuer;
import dev.gatehouse.store.Database;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * {@code refresh_token} (RFC 6749 §6) with rotation: every use returns a new refresh token and retires the
 * old one. Presenting a retired one again means it leaked: the whole family (every token of that
 * authorization) is revoked and a {@code suspicious_request} recorded (CONTRACT.md fix).
 */
public final class RefreshTokenGrantHandler implements GrantHandler {
    private final Database db;
    private final TokenIssuer issuer;
    private final SuspiciousRequests suspicious;

    public RefreshTokenGrantHandler(Database db, TokenIssuer issuer, SuspiciousRequests suspicious) {
        this.db = db;
        this.issuer = issuer;
        this.suspicious = suspicious;
    }

    @Override
    public boolean supports(GrantType type) {
        return GrantType.REFRESH_TOKEN.equals(type);
    }

    @Override
    public IssuedTokens handle(AuthorizationGrant grant, Scope requested, TokenClient client, Map<String, List<String>> params) {
        String presented = ((RefreshTokenGrant) grant).getRefreshToken().getValue();
        DSLContext dsl = db.dsl();
        GrantToken token = new OAuth2GrantStore(dsl).token(Secrets.sha256Hex(presented))
                .filter(t -> t.kind() == GrantToken.Kind.REFRESH && t.provider() == client.provider().pk())
                .orElseThrow(() -> invalidGrant("unknown refresh token or another client's"));
        if (token.revoked()) {
            throw invalidGrant("refresh token revoked");
        }
        if (!Instant.now().isBefore(token.expires())) {
            throw invalidGrant("refresh token expired");
        }
        if (token.rotated() || !new OAuth2GrantStore(dsl).rotate(token.tokenHash())) {
            int revoked = new OAuth2GrantStore(dsl).revokeFamily(token.family());
            suspicious.record(client, token.user(), "refresh token reused", Map.of("revoked_tokens", revoked));
            throw invalidGrant("rotated refresh token reused; " + revoked + " tokens of its family revoked");
        }
        User user = new UserStore(dsl).byPk(token.user()).filter(User::isActive)
                .orElseThrow(() -> invalidGrant("user gone or inactive"));
        Set<String> scopes = Scopes.narrowed(requested, Scopes.parse(token.scope()));
        return issuer.issue(new Grant(client.provider(), client.application(), user, scopes, token.family(),
                token.authTime(), token.sessionHash(), token.amr(), null, client.issuer(), null, client.request()));
    }

    private static OAuth2Exception invalidGrant(String detail) {
        return new OAuth2Exception(OAuth2Error.INVALID_GRANT.setDescription(
                "The refresh token is invalid, expired, revoked or was issued to another client."), detail);
    }
}
