package dev.gatehouse.provider.oauth2.endpoint;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.provider.oauth2.ClientAuthenticator;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.device.DeviceAuthorizationIssuer;
import dev.gatehouse.provider.oauth2.device.DeviceVerification;
import dev.gatehouse.provider.oauth2.Scopes;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.RouteName;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /application/o/device/} (RFC 8628 §3.1–3.2): authenticates the client as the token endpoint does
 * (a confidential client with its secret, a public one by {@code client_id}), has the device authorization
 * started, and answers with the device code, the user code and where the user enters it
 * ({@code <base>/device}, and with the code filled in). Errors are RFC 6749 §5.2 JSON.
 */
public final class DeviceAuthorizationEndpoint {
    public static final String PATH = "/application/o/device/";
    private final Database db;
    private final HttpAdapter http;
    private final ClientAuthenticator clients;
    private final DeviceAuthorizationIssuer issuer;

    public DeviceAuthorizationEndpoint(Database db, HttpAdapter http, ClientAuthenticator clients,
                                       DeviceAuthorizationIssuer issuer) {
        this.db = db;
        this.http = http;
        this.clients = clients;
        this.issuer = issuer;
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
                throw OAuth2Exception.of(OAuth2Error.INVALID_REQUEST,
                        "The device authorization endpoint accepts POST only.");
            }
            List<String> scope = form(request).getOrDefault("scope", List.of());
            OAuth2Provider provider = clients.authenticate(request, http.clientIp(req));
            if (new ApplicationStore(db.dsl()).byProvider(provider.pk()).isEmpty()) {
                throw new OAuth2Exception(OAuth2Error.INVALID_CLIENT.setDescription("Client authentication failed."),
                        "provider " + provider.pk() + " has no application");
            }
            if (scope.size() > 1) {
                throw OAuth2Exception.of(OAuth2Error.INVALID_REQUEST, "The scope parameter is included more than once.");
            }
            DeviceAuthorizationIssuer.Issued issued = issuer.issue(provider,
                    scope.isEmpty() ? List.of() : List.copyOf(Scopes.parse(scope.getFirst())));
            String verification = http.base(req) + DeviceVerification.PATH;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("device_code", issued.deviceCode());
            body.put("user_code", issued.userCode());
            body.put("verification_uri", verification);
            body.put("verification_uri_complete", verification + "?" + DeviceVerification.CODE + "="
                    + URLEncoder.encode(issued.userCode(), StandardCharsets.UTF_8));
            body.put("expires_in", issued.expiresIn().toSeconds());
            body.put("interval", issued.interval().toSeconds());
            HttpAdapter.json(res, 200, body);
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
}
