package dev.gatehouse.provider.oauth2.grant;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.provider.oauth2.Scopes;
import dev.gatehouse.provider.oauth2.token.AuthorizationCode;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import java.util.List;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.gatehouse.core.User;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.provider.oauth2.token.Grant;
import dev.gatehouse.provider.oauth2.token.IssuedTokens;
import dev.gatehouse.provider.oauth2.token.TokenIssuer;
import dev.gatehouse.store.Database;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * {@code authorization_code} (RFC 6749 §4.1.3, RFC 7636 §4.6): the code must be this client's, unexpired,
 * unused, for the same redirect_uri; its PKCE challenge must be met, and a verifier for a code issued
 * without a challenge is refused (downgrade). A second use of a code revokes every token issued from it
 * (RFC 6749 §4.1.2) and is recorded as {@code suspicious_request}.
 */
public final class AuthorizationCodeGrantHandler implements GrantHandler {
    private final Database db;
    private final TokenIssuer issuer;
    private final SuspiciousRequests suspicious;

    public AuthorizationCodeGrantHandler(Database db, TokenIssuer issuer, SuspiciousRequests suspicious) {
        this.db = db;
        this.issuer = issuer;
        this.suspicious = suspicious;
    }

    @Override
    public boolean supports(GrantType type) {
        return GrantType.AUTHORIZATION_CODE.equals(type);
    }

    @Override
    public IssuedTokens handle(AuthorizationGrant grant, Scope requested, TokenClient client, Map<String, List<String>> params) {
        var g = (com.nimbusds.oauth2.sdk.AuthorizationCodeGrant) grant;
        String code = g.getAuthorizationCode().getValue();
        DSLContext dsl = db.dsl();
        AuthorizationCode stored = new OAuth2GrantStore(dsl).code(Secrets.sha256Hex(code))
                .filter(c -> c.provider() == client.provider().pk())
                .orElseThrow(() -> invalidGrant("unknown code or another client's code"));
        if (!new OAuth2GrantStore(dsl).markUsed(stored.codeHash())) {
            int revoked = new OAuth2GrantStore(dsl).revokeFamily(stored.family());
            suspicious.record(client, stored.user(), "authorization code reused", Map.of("revoked_tokens", revoked));
            throw invalidGrant("code reused; " + revoked + " tokens of its family revoked");
        }
        if (stored.expired(Instant.now())) {
            throw invalidGrant("code expired");
        }
        URI redirect = g.getRedirectionURI();
        if (redirect == null || !redirect.toString().equals(stored.redirectUri())) {
            throw invalidGrant("redirect_uri does not match the authorization request");
        }
        checkPkce(stored, g.getCodeVerifier());
        User user = new UserStore(dsl).byPk(stored.user()).filter(User::isActive)
                .orElseThrow(() -> invalidGrant("user gone or inactive"));
        return issuer.issue(new Grant(client.provider(), client.application(), user, Scopes.parse(stored.scope()),
                stored.family(), stored.authTime(), stored.sessionHash(), stored.amr(), stored.nonce(), client.issuer(),
                null, client.request()));
    }

    private static void checkPkce(AuthorizationCode stored, CodeVerifier verifier) {
        if (stored.codeChallenge() == null) {
            if (verifier != null) {
                throw invalidGrant("code_verifier sent for a code issued without code_challenge (PKCE downgrade)");
            }
            return;
        }
        if (verifier == null) {
            throw invalidGrant("code_verifier missing");
        }
        CodeChallengeMethod method = CodeChallengeMethod.parse(
                stored.codeChallengeMethod() == null ? "plain" : stored.codeChallengeMethod());
        String computed = CodeChallenge.compute(method, verifier).getValue();
        if (!Secrets.constantTimeEquals(computed, stored.codeChallenge())) {
            throw invalidGrant("code_verifier does not match code_challenge");
        }
    }

    private static OAuth2Exception invalidGrant(String detail) {
        return new OAuth2Exception(OAuth2Error.INVALID_GRANT.setDescription(
                "The authorization code is invalid, expired, already used or was issued to another client."), detail);
    }
}
