package dev.gatehouse.provider.oauth2.endpoint;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.provider.oauth2.ClientAuthenticator;
import dev.gatehouse.provider.oauth2.Issuer;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.grant.GrantHandler;
import dev.gatehouse.provider.oauth2.grant.TokenClient;
import dev.gatehouse.provider.oauth2.scope.ScopeMapping;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingStore;
import dev.gatehouse.provider.oauth2.token.Grant;
import dev.gatehouse.provider.oauth2.token.IssuedTokens;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.RouteName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * {@code POST /application/o/token/} (RFC 6749 §3.2): authenticates the client, parses the grant with Nimbus,
 * hands it to the one {@link GrantHandler} that supports its type, and writes the token response (§5.1) or
 * the error (§5.2). Only adapts: every decision is in the handlers.
 */
public final class TokenEndpoint {
    public static final String PATH = "/application/o/token/";
    private final Database db;
    private final HttpAdapter http;
    private final ClientAuthenticator clients;
    private final List<GrantHandler> handlers;

    public TokenEndpoint(Database db, HttpAdapter http, ClientAuthenticator clients, List<GrantHandler> handlers) {
        this.db = db;
        this.http = http;
        this.clients = clients;
        this.handlers = List.copyOf(handlers);
    }

    public void handle(ServerRequest req, ServerResponse res) {
        req.context().register(new RouteName(PATH));
        db.withConnection(() -> {
            answer(req, res);
            return null;
        });
    }

    private void answer(ServerRequest req, ServerResponse res) {
        try {
            HTTPRequest request = http.nimbus(req);
            if (request.getMethod() != HTTPRequest.Method.POST) {
                throw OAuth2Exception.of(OAuth2Error.INVALID_REQUEST, "The token endpoint accepts POST only.");
            }
            Map<String, List<String>> params = form(request);
            OAuth2Provider provider = clients.authenticate(request, http.clientIp(req));
            AuthorizationGrant grant = parseGrant(params);
            GrantHandler handler = handlers.stream().filter(h -> h.supports(grant.getType())).findFirst()
                    .orElseThrow(() -> OAuth2Exception.of(OAuth2Error.UNSUPPORTED_GRANT_TYPE,
                            "Unsupported grant_type " + grant.getType() + "."));
            TokenClient client = client(req, provider);
            List<String> scope = params.get("scope");
            IssuedTokens tokens = handler.handle(grant, scope == null ? null : Scope.parse(scope.getFirst()), client,
                    params);
            HttpAdapter.json(res, 200, body(tokens));
        } catch (OAuth2Exception e) {
            HttpAdapter.error(res, e);
        }
    }

    private static Map<String, List<String>> form(HTTPRequest request) {
        try {
            return request.getBodyAsFormParameters();
        } catch (ParseException e) {
            throw OAuth2Exception.of(OAuth2Error.INVALID_REQUEST,
                    "The request body must be application/x-www-form-urlencoded.");
        }
    }

    private static AuthorizationGrant parseGrant(Map<String, List<String>> params) {
        try {
            return AuthorizationGrant.parse(params);
        } catch (ParseException e) {
            com.nimbusds.oauth2.sdk.ErrorObject error = e.getErrorObject() != null ? e.getErrorObject()
                    : OAuth2Error.INVALID_REQUEST;
            throw new OAuth2Exception(error.setDescription(e.getMessage()), e.getMessage());
        }
    }

    private TokenClient client(ServerRequest req, OAuth2Provider provider) {
        DSLContext dsl = db.dsl();
        Application app = new ApplicationStore(dsl).byProviderCached(provider.pk()).orElseThrow(() -> new OAuth2Exception(
                OAuth2Error.INVALID_CLIENT.setDescription("Client authentication failed."),
                "provider " + provider.pk() + " has no application"));
        Set<String> allowed = new LinkedHashSet<>();
        new ScopeMappingStore(dsl).byPksCached(provider.propertyMappings()).stream().map(ScopeMapping::scopeName).forEach(allowed::add);
        return new TokenClient(provider, app, Issuer.of(http.base(req), provider, app),
                new Grant.RequestFacts(http.clientIp(req), http.origin(req).host(), PATH,
                        req.headers().first(HeaderNames.USER_AGENT).orElse(null)), allowed);
    }

    private static Map<String, Object> body(IssuedTokens t) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("access_token", t.accessToken());
        b.put("token_type", "Bearer");
        b.put("expires_in", t.expiresIn().toSeconds());
        b.put("scope", t.scope());
        if (t.refreshToken() != null) {
            b.put("refresh_token", t.refreshToken());
        }
        if (t.idToken() != null) {
            b.put("id_token", t.idToken());
        }
        return b;
    }
}
