package dev.gatehouse.provider.oauth2.endpoint;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.provider.oauth2.Scopes;
import dev.gatehouse.provider.oauth2.token.AccessTokens;
import dev.gatehouse.provider.oauth2.token.Grant;
import dev.gatehouse.provider.oauth2.token.ScopeClaims;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.RouteName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * {@code GET|POST /application/o/userinfo/} (OIDC Core §5.3): the bearer access token (header, or form body
 * per RFC 6750 §2.2) → {@code sub} and the claims of the token's scopes, computed now from the mappings.
 */
public final class UserInfoEndpoint {
    public static final String PATH = "/application/o/userinfo/";
    private final Database db;
    private final HttpAdapter http;
    private final AccessTokens tokens;
    private final ScopeClaims claims;

    public UserInfoEndpoint(Database db, HttpAdapter http, AccessTokens tokens, ScopeClaims claims) {
        this.db = db;
        this.http = http;
        this.tokens = tokens;
        this.claims = claims;
    }

    public void handle(ServerRequest req, ServerResponse res) {
        req.context().register(new RouteName(PATH));
        try {
            HTTPRequest request = http.nimbus(req);
            AccessToken presented;
            try {
                presented = AccessToken.parse(request);
            } catch (ParseException e) {
                throw new OAuth2Exception(BearerTokenError.MISSING_TOKEN, "no bearer token");
            }
            AccessTokens.Verified v = tokens.require(presented.getValue());
            DSLContext dsl = db.dsl();
            User user = new UserStore(dsl).byPk(v.stored().user()).filter(User::isActive).orElseThrow(() -> new OAuth2Exception(
                    BearerTokenError.INVALID_TOKEN.setDescription("The user of this token is no longer active."),
                    "user inactive"));
            Application app = new ApplicationStore(dsl).byProvider(v.provider().pk()).orElseThrow(() -> new OAuth2Exception(
                    BearerTokenError.INVALID_TOKEN, "provider without application"));
            Map<String, Object> body = new LinkedHashMap<>(claims.of(new Grant(v.provider(), app, user,
                    Scopes.parse(v.stored().scope()), v.stored().family(), v.stored().authTime(), null, null, null,
                    v.claims().getIssuer(), null, new Grant.RequestFacts(http.clientIp(req),
                    http.origin(req).host(), PATH,
                    req.headers().first(HeaderNames.USER_AGENT).orElse(null)))));
            body.put("sub", v.claims().getSubject());
            HttpAdapter.json(res, 200, body);
        } catch (OAuth2Exception e) {
            HttpAdapter.bearerError(res, e);
        }
    }
}
