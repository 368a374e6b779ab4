package dev.gatehouse.provider.oauth2.endpoint;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.ClientAuthenticator;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.token.GrantToken;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.provider.oauth2.token.AccessTokens;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.RouteName;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /application/o/introspect/} (RFC 7662): for an authenticated confidential client, whether a
 * token it was issued is active. Another client's token, an unknown, expired, revoked or rotated one, and one of
 * a user who is no longer active all read {@code {"active": false}} and nothing else (§2.2).
 */
public final class IntrospectionEndpoint {
    public static final String PATH = "/application/o/introspect/";
    private final Database db;
    private final HttpAdapter http;
    private final ClientAuthenticator clients;
    private final AccessTokens tokens;

    public IntrospectionEndpoint(Database db, HttpAdapter http, ClientAuthenticator clients, AccessTokens tokens) {
        this.db = db;
        this.http = http;
        this.clients = clients;
        this.tokens = tokens;
    }

    public void handle(ServerRequest req, ServerResponse res) {
        req.context().register(new RouteName(PATH));
        try {
            HTTPRequest request = http.nimbus(req);
            OAuth2Provider client = clients.authenticate(request, http.clientIp(req));
            if (!client.confidential()) {
                throw new OAuth2Exception(OAuth2Error.INVALID_CLIENT.setDescription("Client authentication failed."),
                        "public client at introspection");
            }
            String token = param(request, "token");
            HttpAdapter.json(res, 200, introspect(client, token).orElse(Map.of("active", false)));
        } catch (OAuth2Exception e) {
            HttpAdapter.error(res, e);
        }
    }

    private Optional<Map<String, Object>> introspect(OAuth2Provider client, String token) {
        if (token == null) {
            return Optional.empty();
        }
        Optional<AccessTokens.Verified> access = tokens.verify(token).filter(v -> v.provider().pk() == client.pk())
                .filter(v -> activeUser(v.stored().user()));
        if (access.isPresent()) {
            var c = access.get().claims();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("active", true);
            m.put("scope", access.get().stored().scope());
            m.put("client_id", client.clientId());
            m.put("token_type", "Bearer");
            m.put("sub", c.getSubject());
            m.put("iss", c.getIssuer());
            m.put("aud", c.getAudience().size() == 1 ? c.getAudience().getFirst() : c.getAudience());
            m.put("exp", c.getExpirationTime().toInstant().getEpochSecond());
            m.put("iat", c.getIssueTime().toInstant().getEpochSecond());
            m.put("jti", c.getJWTID());
            return Optional.of(m);
        }
        return new OAuth2GrantStore(db.dsl()).token(Secrets.sha256Hex(token))
                .filter(t -> t.kind() == GrantToken.Kind.REFRESH && t.provider() == client.pk())
                .filter(t -> t.active(Instant.now()))
                .filter(t -> activeUser(t.user()))
                .map(t -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("active", true);
                    m.put("scope", t.scope());
                    m.put("client_id", client.clientId());
                    m.put("token_type", "refresh_token");
                    m.put("exp", t.expires().getEpochSecond());
                    return m;
                });
    }

    /** A token of a user since deactivated (a lockdown that kept its tokens) is not active either. */
    private boolean activeUser(long user) {
        return new UserStore(db.dsl()).byPk(user).map(User::isActive).orElse(false);
    }

    static String param(HTTPRequest request, String name) {
        try {
            List<String> v = request.getBodyAsFormParameters().get(name);
            return v == null || v.isEmpty() ? null : v.getFirst();
        } catch (ParseException e) {
            throw OAuth2Exception.of(OAuth2Error.INVALID_REQUEST, "The body must be application/x-www-form-urlencoded.");
        }
    }
}
