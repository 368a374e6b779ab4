package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.Installation;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.engine.PolicyResult;
import dev.gatehouse.provider.oauth2.Issuer;
import dev.gatehouse.provider.oauth2.Scopes;
import dev.gatehouse.provider.oauth2.token.Grant;
import dev.gatehouse.provider.oauth2.token.IssuedTokens;
import dev.gatehouse.provider.oauth2.token.SubjectMode;
import dev.gatehouse.provider.oauth2.token.TokenIssuer;
import dev.gatehouse.store.Database;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the {@link Identity} of a user at a protected application — the one place forward auth asks the
 * application's policy bindings ({@link ApplicationAccess}) and reads the user's groups — and mints the access
 * token its {@code X-authentik-jwt} carries (through the OAuth2 provider's {@link TokenIssuer}: the proxy
 * provider is an OAuth2 client, so its token is an ordinary access token for it, recorded so introspection
 * and revocation see it).
 */
final class ProxyIdentities {
    private final Database db;
    private final ApplicationAccess access;
    private final TokenIssuer tokens;
    private final Installation installation;

    ProxyIdentities(Database db, ApplicationAccess access, TokenIssuer tokens, Installation installation) {
        this.db = db;
        this.access = access;
        this.tokens = tokens;
        this.installation = installation;
    }

    /** An access token and when it expires. */
    record Jwt(String value, Instant expires) {
        @Override
        public String toString() {
            return "Jwt[expires=" + expires + "]";
        }

        static Jwt of(IssuedTokens t, Instant now) {
            return new Jwt(t.accessToken(), now.plus(t.expiresIn()));
        }
    }

    /** What a new token repeats of the sign-in it belongs to (scope, token family, auth_time, sid, amr). */
    record SignIn(String scope, UUID family, Instant authTime, String browserSessionHash, String amr) {
    }

    /** The identity of {@code user} at the route's application, as seen by this request. */
    Identity build(ProxyRoute route, User user, Jwt jwt, ForwardRequest req) {
        UserGroups groups = UserGroups.of(db.dsl(), user.pk());
        PolicyResult decision = access.check(route.application(), user, new PolicyRequest(user, req.clientIp(),
                new PolicyRequest.Http(req.authority(), req.path(), req.userAgent()), Map.of(), groups));
        Map<String, Object> attributes = groups.attributes(user);
        String jwks = route.browserBase(req.serverBase()) + "/application/o/" + route.application().slug() + "/jwks/";
        IdentityHeaders.Facts facts = new IdentityHeaders.Facts(user, groups, attributes,
                SubjectMode.sub(route.provider().oauth2().subMode(), user, installation), jwt.value(), jwks);
        String denial = decision.passing() ? null : decision.messages().isEmpty()
                ? "You are not allowed to use " + route.application().name() + "." : String.join(" ", decision.messages());
        return new Identity(user.pk(), decision.passing(), denial, IdentityHeaders.of(route, facts), jwt.value(),
                jwt.expires());
    }

    /** A new access token for the user at the route's provider (recorded like the token endpoint's). */
    Jwt mint(ProxyRoute route, User user, SignIn signIn, ForwardRequest req) {
        Instant now = Instant.now();
        String issuer = Issuer.of(route.browserBase(req.serverBase()), route.provider().oauth2(), route.application());
        IssuedTokens t = tokens.issue(new Grant(route.provider().oauth2(), route.application(), user,
                Scopes.parse(signIn.scope()), signIn.family(), signIn.authTime(), signIn.browserSessionHash(),
                signIn.amr(), null, issuer, null, new Grant.RequestFacts(req.clientIp(), req.authority(), req.path(),
                req.userAgent())));
        return Jwt.of(t, now);
    }
}
