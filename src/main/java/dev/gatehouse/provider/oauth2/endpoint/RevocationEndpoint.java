package dev.gatehouse.provider.oauth2.endpoint;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
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
import java.util.Map;
import org.jooq.DSLContext;

/**
 * {@code POST /application/o/revoke/} (RFC 7009): the authenticated client revokes one of its access or refresh
 * tokens; revoking a refresh token revokes its whole family (§2.1). Unknown or foreign tokens answer 200 too (§2.2).
 */
public final class RevocationEndpoint {
    public static final String PATH = "/application/o/revoke/";
    private final Database db;
    private final HttpAdapter http;
    private final ClientAuthenticator clients;
    private final AccessTokens tokens;

    public RevocationEndpoint(Database db, HttpAdapter http, ClientAuthenticator clients, AccessTokens tokens) {
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
            String token = IntrospectionEndpoint.param(request, "token");
            if (token != null) {
                revoke(client, token);
            }
            HttpAdapter.json(res, 200, Map.of());
        } catch (OAuth2Exception e) {
            HttpAdapter.error(res, e);
        }
    }

    private void revoke(OAuth2Provider client, String token) {
        DSLContext dsl = db.dsl();
        var access = tokens.verify(token).filter(v -> v.provider().pk() == client.pk());
        if (access.isPresent()) {
            new OAuth2GrantStore(dsl).revoke(access.get().stored().tokenHash());
            return;
        }
        new OAuth2GrantStore(dsl).token(Secrets.sha256Hex(token))
                .filter(t -> t.kind() == GrantToken.Kind.REFRESH && t.provider() == client.pk())
                .ifPresent(t -> new OAuth2GrantStore(dsl).revokeFamily(t.family()));
    }
}
