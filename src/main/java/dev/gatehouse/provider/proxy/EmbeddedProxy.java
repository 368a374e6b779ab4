package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.Installation;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.provider.oauth2.grant.CredentialsUser;
import dev.gatehouse.provider.oauth2.grant.GrantHandler;
import dev.gatehouse.provider.oauth2.token.AccessTokens;
import dev.gatehouse.provider.oauth2.token.TokenIssuer;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.RequestOrigins;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The embedded outpost's proxy side on the main server: forward auth for every adapter, sign-in, sign-out,
 * proxy mode, and the session cache behind them (registered with {@link Database#userCaches()}, so deleting a user's
 * sessions or changing the user reaches the hot path at once).
 */
public final class EmbeddedProxy {
    private final ForwardAuthEndpoint forwardAuth;
    private final SignInEndpoints signIn;
    private final ReverseProxy reverseProxy;
    private final ProxySessionCache cache;

    private EmbeddedProxy(ForwardAuthEndpoint forwardAuth, SignInEndpoints signIn, ReverseProxy reverseProxy,
                          ProxySessionCache cache) {
        this.forwardAuth = forwardAuth;
        this.signIn = signIn;
        this.reverseProxy = reverseProxy;
        this.cache = cache;
    }

    /** The OAuth2 provider's parts it uses: token issuing and checking, app passwords, the code grant. */
    public record OAuth2Parts(TokenIssuer issuer, AccessTokens accessTokens, CredentialsUser credentials,
                              GrantHandler codeGrant) {
    }

    public static EmbeddedProxy create(Database db, ApplicationAccess access, OAuth2Parts oauth2, Installation installation,
                                       String secretKey, RequestOrigins origins, MeterRegistry metrics) {
        ProxyIdentities identities = new ProxyIdentities(db, access, oauth2.issuer(), installation);
        ProxySessionCache cache = new ProxySessionCache(db.definitions());
        HeaderAuth headerAuth = new HeaderAuth(db, oauth2.accessTokens(), oauth2.credentials(), identities);
        db.userCaches().register(cache::invalidateUser);
        db.userCaches().register(headerAuth::invalidateUser);
        ProxySessions sessions = new ProxySessions(db, cache, identities);
        ProxyResponses responses = new ProxyResponses(db);
        Counter queries = Counter.builder("gatehouse.forward_auth.db_queries")
                .description("SQL statements run while answering forward-auth requests (none for a cached session)")
                .register(metrics);
        ForwardAuth auth = new ForwardAuth(db, sessions, headerAuth);
        ProxyEvents events = new ProxyEvents(db);
        ForwardAuthEndpoint endpoint = new ForwardAuthEndpoint(auth, origins, responses, events, queries);
        SignInEndpoints signIn = new SignInEndpoints(db, new ProxySignIn(new SignInState(secretKey), oauth2.codeGrant(),
                oauth2.accessTokens(), sessions), origins, responses, events);
        return new EmbeddedProxy(endpoint, signIn, new ReverseProxy(db, auth, origins, responses), cache);
    }

    /**
     * Registers proxy mode's catch-all route (it passes every request that is not for a proxy-mode host on to
     * the next route: register this before any other route) and the outpost's routes.
     */
    public void register(HttpRouting.Builder routing) {
        reverseProxy.register(routing);
        forwardAuth.register(routing);
        signIn.register(routing);
    }

    /** The hot path's session cache (its invalidation entry points). */
    public ProxySessionCache sessionCache() {
        return cache;
    }
}
