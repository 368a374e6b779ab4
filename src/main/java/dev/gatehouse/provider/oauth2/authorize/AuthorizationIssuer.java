package dev.gatehouse.provider.oauth2.authorize;

import dev.gatehouse.core.Timedelta;
import dev.gatehouse.core.User;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.flow.engine.FlowRequest;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.provider.oauth2.token.AuthorizationCode;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.provider.oauth2.token.Grant;
import dev.gatehouse.provider.oauth2.token.TokenIssuer;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Issues what an authorization response carries, by its response type: an authorization code (RFC 6749 §4.1.2),
 * tokens (OIDC Core §3.2.2.5: id_token, access token) or both (hybrid, §3.3.2.5).
 * <p>A code is 64 random characters (~381 bits, RFC 6749 §10.10) handed to the client once; only its SHA-256 is
 * stored, with what the token endpoint checks (redirect URI §4.1.3, PKCE challenge RFC 7636 §4.6) and what the
 * id_token repeats there (nonce, auth_time, session). Valid for the provider's access_code_validity.
 * <p>Tokens come from the {@link TokenIssuer} like the token endpoint's, and their records (an access token by the
 * hash of its jti, so userinfo, introspection and revocation know it) share one family with the code: reusing the
 * code revokes them too. Code, token records and the {@code authorize_application} event are written in one
 * transaction.
 */
public final class AuthorizationIssuer {
    static final int CODE_LENGTH = 64;
    private final Database db;
    private final TokenIssuer tokens;
    private final Clock clock;

    public AuthorizationIssuer(Database db, TokenIssuer tokens, Clock clock) {
        this.db = db;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Issues for the user's session and returns the response that carries it all to the client. */
    public ClientResponse issue(AuthorizationParams p, User user, AuthenticatedSession session, FlowRequest request,
                                UUID flow) {
        UUID family = UUID.randomUUID();
        String code = p.issuesCode() ? Secrets.randomKey(CODE_LENGTH) : null;
        TokenIssuer.Minted minted = p.issuesAccessToken() || p.issuesIdToken()
                ? tokens.mintForAuthorization(grant(p, user, session, request, family, code), p.issuesAccessToken(),
                        p.issuesIdToken())
                : null;
        Instant now = clock.instant();
        db.txRun(dsl -> {
            if (code != null) {
                new OAuth2GrantStore(dsl).insert(new AuthorizationCode(Secrets.sha256Hex(code), family, p.provider().pk(),
                        user.pk(), p.redirectUri().toString(), p.scopeString(), p.nonce(), p.codeChallenge(),
                        p.codeChallengeMethod(), session.created(), session.keyHash(), session.amr(),
                        now.plus(Timedelta.parse(p.provider().accessCodeValidity())), false));
            }
            if (minted != null) {
                minted.records().forEach(new OAuth2GrantStore(dsl)::insert);
            }
            AuthorizeApplicationEvent.record(dsl, user, request.clientIp(), p.application(), p.scopeString(), flow);
        });
        return ClientResponse.success(p, code, minted == null ? null : minted.tokens());
    }

    /** What the tokens are for: this client, user and session, the granted scopes, the nonce and the code (c_hash). */
    private static Grant grant(AuthorizationParams p, User user, AuthenticatedSession session, FlowRequest request,
                               UUID family, String code) {
        PolicyRequest.Http http = request.http() == null ? PolicyRequest.Http.NONE : request.http();
        return new Grant(p.provider(), p.application(), user, Set.copyOf(p.scope()), family, session.created(),
                session.keyHash(), session.amr(), p.nonce(), p.issuer(), code, new Grant.RequestFacts(request.clientIp(),
                http.host(), http.path(), http.userAgent()));
    }
}
