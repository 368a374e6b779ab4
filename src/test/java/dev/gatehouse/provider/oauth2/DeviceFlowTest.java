package dev.gatehouse.provider.oauth2;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.CoreTables;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.device.DeviceAuthorization;
import dev.gatehouse.provider.oauth2.device.DeviceCodeTables;
import dev.gatehouse.provider.oauth2.device.OAuth2DeviceStore;
import dev.gatehouse.provider.oauth2.device.UserCodes;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.provider.oauth2.device.DeviceCodeTables.DeviceCodes;
import dev.gatehouse.store.Tables;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The device authorization grant (RFC 8628) against a real server: Nimbus is the device (device authorization
 * request, polling the token endpoint with the device code, validating the id_token), a cookie-keeping HTTP
 * client is the user's browser on the verification page.
 */
class DeviceFlowTest {
    private static final String IMPLICIT = "default-provider-authorization-implicit-consent";
    private static final String EXPLICIT = "default-provider-authorization-explicit-consent";
    private static final String LOGIN_FLOW = "default-authentication-flow";
    private static final Pattern USER_CODE = Pattern.compile("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
    private static TestServer h2;
    private static TestServer postgres;

    @BeforeAll
    static void start() {
        h2 = TestServer.start();
        postgres = TestServer.startOnPostgres();
    }

    @AfterAll
    static void stop() {
        h2.close();
        postgres.close();
    }

    /** A registered client: its provider, application and credentials. */
    private record Client(TestServer server, String slug, long provider, String clientId, String secret,
                          String application) {

        ClientAuthentication auth() {
            return new ClientSecretBasic(new ClientID(clientId), new Secret(secret));
        }

        URI deviceEndpoint() {
            return URI.create(server.base() + "/application/o/device/");
        }

        URI tokenEndpoint() {
            return URI.create(server.base() + "/application/o/token/");
        }

        Issuer issuer() {
            return new Issuer(server.base() + "/application/o/" + slug + "/");
        }
    }

    private static Client client(TestServer server, String name, String flowSlug, Map<String, Object> extra) {
        String flow = expect(server.get("/api/v3/flows/instances/" + flowSlug + "/", ADMIN), 200).get("pk").asString();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "authorization_flow", flow,
                "redirect_uris", List.of()));
        body.putAll(extra);
        JsonNode p = expect(server.send("POST", "/api/v3/providers/oauth2/", ADMIN,
                dev.gatehouse.api.ApiTestSupport.JSON.writeValueAsString(body)), 201);
        String slug = name.toLowerCase().replace(' ', '-');
        JsonNode app = expect(server.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", name, "slug", slug,
                "provider", p.get("pk").asLong())), 201);
        return new Client(server, slug, p.get("pk").asLong(), p.get("client_id").asString(),
                p.get("client_secret").asString(), app.get("pk").asString());
    }

    private static DeviceAuthorizationResponse requestDevice(Client c, ClientAuthentication auth, String... scopes)
            throws Exception {
        return DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest(c.deviceEndpoint(), auth,
                scopes.length == 0 ? null : new Scope(scopes), Map.of()).toHTTPRequest().send());
    }

    private static DeviceAuthorizationSuccessResponse device(Client c, String... scopes) throws Exception {
        DeviceAuthorizationResponse r = requestDevice(c, c.auth(), scopes);
        assertThat(r.indicatesSuccess()).as("%s", r instanceof com.nimbusds.oauth2.sdk.device.DeviceAuthorizationErrorResponse e
                ? e.getErrorObject() : r).isTrue();
        return r.toSuccessResponse();
    }

    private static TokenResponse poll(Client c, ClientAuthentication auth, DeviceCode code) throws Exception {
        return OIDCTokenResponseParser.parse(new TokenRequest(c.tokenEndpoint(), auth, new DeviceCodeGrant(code))
                .toHTTPRequest().send());
    }

    private static String error(TokenResponse r) {
        assertThat(r.indicatesSuccess()).as("expected an error, got tokens").isFalse();
        return r.toErrorResponse().getErrorObject().getCode();
    }

    private static DSLContext stores(TestServer server) {
        return server.gatehouse().database().dsl();
    }

    private static DeviceAuthorization stored(TestServer server, DeviceAuthorizationSuccessResponse d) {
        return new OAuth2DeviceStore(stores(server)).byDeviceCodeHash(Secrets.sha256Hex(d.getDeviceCode().getValue()))
                .orElseThrow();
    }

    /** A browser signed in as {@code username} (a session made directly, as the login flow would). */
    private static FlowClient signedIn(TestServer server, String username) {
        FlowClient browser = new FlowClient(server.base());
        User user = new UserStore(stores(server)).byUsername(username).orElseThrow();
        SessionService.Issued issued = server.gatehouse().sessions().login(user, "127.0.0.1", "test", Duration.ofHours(1));
        browser.setCookie("gatehouse_session", issued.key());
        return browser;
    }

    private static String location(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as("%s -> %s", r.uri(), r.body()).isEqualTo(status);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("hidden %s in %s", name, html).isTrue();
        return m.group(1);
    }

    /** Types a code into Gatehouse's own verification page and submits it. */
    private static HttpResponse<String> enter(FlowClient browser, String code) {
        HttpResponse<String> page = browser.getDirect("/device");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return browser.postFormDirect("/device", Map.of("csrf", hidden(page.body(), "csrf"), "code", code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void pendingThenSignInOnThePageApproveAndTokensWithAValidIdTokenThenReuseRefused(String kind) throws Exception {
        TestServer server = kind.equals("h2") ? h2 : postgres;
        Client c = client(server, "TV " + kind, IMPLICIT, Map.of());
        OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(c.issuer());
        assertThat(metadata.getDeviceAuthorizationEndpointURI()).isEqualTo(c.deviceEndpoint());
        assertThat(metadata.getGrantTypes()).contains(GrantType.DEVICE_CODE);

        DeviceAuthorizationSuccessResponse d = device(c, "openid", "email", "offline_access", "not-offered");

        String userCode = d.getUserCode().getValue();
        assertThat(userCode).matches(USER_CODE);
        assertThat(d.getVerificationURI()).isEqualTo(URI.create(server.base() + "/device"));
        assertThat(d.getVerificationURIComplete()).isEqualTo(URI.create(server.base() + "/device?code=" + userCode));
        assertThat(d.getLifetime()).as("authentik: the provider's access_code_validity").isEqualTo(60);
        assertThat(d.getInterval()).isEqualTo(5);
        assertThat(d.getDeviceCode().getValue()).hasSize(64);
        assertThat(new OAuth2DeviceStore(stores(server)).byDeviceCodeHash(d.getDeviceCode().getValue())).as("hash only").isEmpty();
        DeviceAuthorization row = stored(server, d);
        assertThat(row.userCodeHash()).isEqualTo(UserCodes.hash(userCode.replace("-", "")));
        assertThat(row.scope()).isEqualTo("openid email offline_access");
        assertThat(row.status()).isEqualTo(DeviceAuthorization.Status.PENDING);

        assertThat(error(poll(c, c.auth(), d.getDeviceCode()))).isEqualTo("authorization_pending");

        try (FlowClient browser = new FlowClient(server.base())) {
            String toLogin = location(browser.getDirect(d.getVerificationURIComplete().toString()), 302);
            assertThat(toLogin).isEqualTo("/flows/-/default/authentication/?next="
                    + URLEncoder.encode("/device?code=" + userCode, StandardCharsets.UTF_8));
            URI loginPage = URI.create(location(browser.getDirect(toLogin), 302));
            assertThat(loginPage.getPath()).isEqualTo("/if/flow/" + LOGIN_FLOW + "/");
            JsonNode end = browser.run(LOGIN_FLOW, loginPage.getRawQuery(), "akadmin", TestServer.ADMIN_PASSWORD);
            assertThat(end.get("to").asString()).as(end.toString()).isEqualTo("/device?code=" + userCode);

            HttpResponse<String> page = browser.getDirect(end.get("to").asString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("value=\"" + userCode + "\"").contains("Check that this is the code")
                    .contains("<strong>akadmin</strong>");
            assertThat(stored(server, d).status()).as("a link alone approves nothing").isEqualTo(
                    DeviceAuthorization.Status.PENDING);
            HttpResponse<String> entered = browser.postFormDirect("/device", Map.of("csrf", hidden(page.body(), "csrf"),
                    "code", userCode.toLowerCase().replace("-", " ")));
            String flowPage = location(entered, 303);
            assertThat(flowPage).isEqualTo("/if/flow/" + IMPLICIT + "/");
            HttpResponse<String> finish = browser.getDirect(flowPage);
            assertThat(finish.statusCode()).isEqualTo(200);
            assertThat(finish.body()).contains("Your device is now signed in to TV " + kind);

            String sessionKey = browser.cookie("gatehouse_session").orElseThrow();
            SessionService.Live live = server.gatehouse().sessions().resolve(sessionKey).orElseThrow();
            DeviceAuthorization approved = stored(server, d);
            assertThat(approved.status()).isEqualTo(DeviceAuthorization.Status.APPROVED);
            assertThat(approved.user()).isEqualTo(live.user().pk());
            assertThat(approved.authTime()).isEqualTo(live.session().created());
            assertThat(approved.sessionHash()).isEqualTo(Secrets.sha256Hex(sessionKey));
            JsonNode event = expect(server.get("/api/v3/events/events/?action=authorize_application", ADMIN), 200)
                    .get("results").get(0);
            assertThat(event.get("context").get("authorized_application").get("pk").asString()).isEqualTo(c.application());
            assertThat(event.get("context").get("scopes").asString()).isEqualTo("openid email offline_access");

            TokenResponse granted = poll(c, c.auth(), d.getDeviceCode());
            assertThat(granted.indicatesSuccess()).as("%s", granted).isTrue();
            OIDCTokens tokens = ((OIDCTokenResponse) granted.toSuccessResponse()).getOIDCTokens();
            IDTokenClaimsSet id = new IDTokenValidator(c.issuer(), new ClientID(c.clientId()), JWSAlgorithm.RS256,
                    URI.create(server.base() + "/application/o/" + c.slug() + "/jwks/").toURL())
                    .validate(tokens.getIDToken(), null);
            assertThat(id.getStringClaim("email")).isEqualTo("admin@example.org");
            assertThat(id.getAuthenticationTime().toInstant().getEpochSecond())
                    .isEqualTo(live.session().created().getEpochSecond());
            assertThat(id.getStringClaim("sid")).isNotBlank();
            assertThat(id.getStringListClaim("amr")).containsExactly("pwd");
            assertThat(tokens.getRefreshToken()).as("offline_access").isNotNull();
            String jti = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getJWTID();
            assertThat(SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getStringClaim("scope"))
                    .isEqualTo("email offline_access openid");

            assertThat(error(poll(c, c.auth(), d.getDeviceCode()))).as("single use").isEqualTo("invalid_grant");
            assertThat(new OAuth2GrantStore(stores(server)).token(Secrets.sha256Hex(jti)).orElseThrow().revoked())
                    .as("a reused device code revokes what it produced").isTrue();
            assertThat(new OAuth2GrantStore(stores(server)).token(Secrets.sha256Hex(tokens.getRefreshToken().getValue()))
                    .orElseThrow().revoked()).isTrue();
            assertThat(expect(server.get("/api/v3/events/events/?action=suspicious_request", ADMIN), 200)
                    .get("results").get(0).get("context").get("reason").asString()).isEqualTo("device code reused");
        }
    }

    @Test
    void pollingFasterThanTheIntervalIsSlowDownAndEachTimeTheIntervalGrowsByFiveSeconds() throws Exception {
        Client c = client(h2, "Printer", IMPLICIT, Map.of());
        DeviceAuthorizationSuccessResponse d = device(c, "openid");

        assertThat(error(poll(c, c.auth(), d.getDeviceCode()))).isEqualTo("authorization_pending");
        assertThat(error(poll(c, c.auth(), d.getDeviceCode()))).isEqualTo("slow_down");
        assertThat(stored(h2, d).interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(error(poll(c, c.auth(), d.getDeviceCode()))).isEqualTo("slow_down");
        assertThat(stored(h2, d).interval()).isEqualTo(Duration.ofSeconds(15));

        // the device waits its interval (the next allowed poll moved into the past): pending again, interval kept
        h2.gatehouse().database().dsl().update(DeviceCodes.T).set(DeviceCodes.NEXT_POLL, Instant.now().minusSeconds(1))
                .where(DeviceCodes.DEVICE_CODE_HASH.eq(stored(h2, d).deviceCodeHash())).execute();
        assertThat(error(poll(c, c.auth(), d.getDeviceCode()))).isEqualTo("authorization_pending");
        assertThat(stored(h2, d).interval()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void afterTheValidityTheDeviceGetsExpiredTokenAndThePageSaysTheCodeExpired() throws Exception {
        Client c = client(h2, "Console", IMPLICIT, Map.of("access_code_validity", "seconds=2"));
        DeviceAuthorizationSuccessResponse d = device(c, "openid");
        assertThat(d.getLifetime()).isEqualTo(2);
        Instant expires = stored(h2, d).expires();
        while (!Instant.now().isAfter(expires)) {
            Thread.sleep(100);
        }

        assertThat(error(poll(c, c.auth(), d.getDeviceCode()))).isEqualTo("expired_token");
        try (FlowClient browser = signedIn(h2, "akadmin")) {
            HttpResponse<String> refused = enter(browser, d.getUserCode().getValue());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("This code has expired");
        }
        assertThat(stored(h2, d).status()).isEqualTo(DeviceAuthorization.Status.PENDING);
    }

    @Test
    void declinedConsentDeniesTheRequestAndTheDeviceGetsAccessDenied() throws Exception {
        Client c = client(h2, "Smart Fridge", EXPLICIT, Map.of());
        DeviceAuthorizationSuccessResponse d = device(c, "openid", "profile");
        String flowPage = "/if/flow/" + EXPLICIT + "/";
        try (FlowClient browser = signedIn(h2, "akadmin")) {
            assertThat(location(enter(browser, d.getUserCode().getValue()), 303)).isEqualTo(flowPage);
            HttpResponse<String> consent = browser.getDirect(flowPage);
            assertThat(consent.body()).contains("General Profile Information").contains("name=\"deny\"");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("csrf", hidden(consent.body(), "csrf"));
            form.put("component", "ak-stage-consent");
            form.put("token", hidden(consent.body(), "token"));
            form.put("deny", "true");
            assertThat(browser.postFormDirect(flowPage, form).statusCode()).isEqualTo(303);
            HttpResponse<String> denied = browser.getDirect(flowPage);
            assertThat(denied.body()).contains("You did not allow \"Smart Fridge\" to access your account.");
        }
        assertThat(stored(h2, d).status()).isEqualTo(DeviceAuthorization.Status.DENIED);
        assertThat(error(poll(c, c.auth(), d.getDeviceCode()))).isEqualTo("access_denied");
        assertThat(error(poll(c, c.auth(), d.getDeviceCode()))).as("stays denied").isEqualTo("access_denied");
    }

    @Test
    void explicitConsentGivenThenApprovedAndTokensWithoutOfflineAccessHaveNoRefreshToken() throws Exception {
        Client c = client(h2, "Set Top Box", EXPLICIT, Map.of());
        DeviceAuthorizationSuccessResponse d = device(c, "openid", "email");
        String flowPage = "/if/flow/" + EXPLICIT + "/";
        try (FlowClient browser = signedIn(h2, "akadmin")) {
            assertThat(location(enter(browser, d.getUserCode().getValue()), 303)).isEqualTo(flowPage);
            HttpResponse<String> consent = browser.getDirect(flowPage);
            assertThat(error(poll(c, c.auth(), d.getDeviceCode()))).as("consent not yet given")
                    .isEqualTo("authorization_pending");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("csrf", hidden(consent.body(), "csrf"));
            form.put("component", "ak-stage-consent");
            form.put("token", hidden(consent.body(), "token"));
            assertThat(browser.postFormDirect(flowPage, form).statusCode()).isEqualTo(303);
            assertThat(browser.getDirect(flowPage).body()).contains("Your device is now signed in to Set Top Box");
        }
        TokenResponse granted = poll(c, c.auth(), d.getDeviceCode());
        assertThat(granted.indicatesSuccess()).as("%s", granted).isTrue();
        OIDCTokens tokens = ((OIDCTokenResponse) granted.toSuccessResponse()).getOIDCTokens();
        assertThat(tokens.getIDToken()).isNotNull();
        assertThat(tokens.getRefreshToken()).isNull();
    }

    @Test
    void theDeviceCodeIsBoundToItsClientAndClientsAuthenticateAsAtTheTokenEndpoint() throws Exception {
        Client c = client(h2, "Camera", IMPLICIT, Map.of());
        Client other = client(h2, "Doorbell", IMPLICIT, Map.of());
        Client pub = client(h2, "Watch", IMPLICIT, Map.of("client_type", "public"));
        DeviceAuthorizationSuccessResponse d = device(c, "openid");

        assertThat(error(poll(other, other.auth(), d.getDeviceCode()))).isEqualTo("invalid_grant");
        assertThat(error(poll(c, c.auth(), new DeviceCode("unknown-device-code")))).isEqualTo("invalid_grant");
        assertThat(error(poll(c, new ClientSecretBasic(new ClientID(c.clientId()), new Secret("wrong-secret")),
                d.getDeviceCode()))).isEqualTo("invalid_client");
        assertThat(error(poll(c, c.auth(), d.getDeviceCode()))).as("still the client's own").isEqualTo(
                "authorization_pending");

        DeviceAuthorizationResponse publicDevice = DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest(
                pub.deviceEndpoint(), new ClientID(pub.clientId()), new Scope("openid")).toHTTPRequest().send());
        assertThat(publicDevice.indicatesSuccess()).as("a public client needs no secret").isTrue();
        TokenResponse publicPoll = OIDCTokenResponseParser.parse(new TokenRequest(pub.tokenEndpoint(),
                new ClientID(pub.clientId()), new DeviceCodeGrant(publicDevice.toSuccessResponse().getDeviceCode()))
                .toHTTPRequest().send());
        assertThat(error(publicPoll)).isEqualTo("authorization_pending");

        var unknown = DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest(c.deviceEndpoint(),
                new ClientID("no-such-client"), new Scope("openid")).toHTTPRequest().send());
        assertThat(unknown.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
        assertThat(unknown.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(401);
        var noSecret = DeviceAuthorizationResponse.parse(new DeviceAuthorizationRequest(c.deviceEndpoint(),
                new ClientID(c.clientId()), new Scope("openid")).toHTTPRequest().send());
        assertThat(noSecret.toErrorResponse().getErrorObject().getCode()).as("confidential without its secret")
                .isEqualTo("invalid_client");
        var badScope = requestDevice(c, c.auth(), "nothing-offered");
        assertThat(badScope.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_scope");
        assertThat(badScope.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(400);
    }

    @Test
    void wrongCodesOnThePageGetAClearMessageAndGuessingIsThrottled() throws Exception {
        expect(h2.send("POST", "/api/v3/core/users/", ADMIN, obj("username", "mallory", "name", "Mallory")), 201);
        Client c = client(h2, "Kiosk", IMPLICIT, Map.of());
        DeviceAuthorizationSuccessResponse d = device(c, "openid");
        try (FlowClient browser = signedIn(h2, "mallory")) {
            HttpResponse<String> malformed = enter(browser, "hello");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("Enter the 8-letter code your device shows");

            HttpResponse<String> noToken = browser.postFormDirect("/device", Map.of("code", d.getUserCode().getValue()));
            assertThat(noToken.statusCode()).as("no CSRF token").isEqualTo(403);

            String wrong = d.getUserCode().getValue().startsWith("B") ? "CCCC-CCCC" : "BBBB-BBBB";
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> refused = enter(browser, wrong);
                assertThat(refused.statusCode()).isEqualTo(400);
                assertThat(refused.body()).contains("This code is not valid").contains("value=\"" + wrong + "\"");
            }
            HttpResponse<String> throttled = enter(browser, d.getUserCode().getValue());
            assertThat(throttled.statusCode()).as("even the right code once throttled").isEqualTo(429);
            assertThat(throttled.body()).contains("Too many wrong codes");
        }
        assertThat(stored(h2, d).status()).isEqualTo(DeviceAuthorization.Status.PENDING);
        try (FlowClient admin = signedIn(h2, "akadmin")) {
            assertThat(location(enter(admin, d.getUserCode().getValue()), 303))
                    .as("another user is not throttled").isEqualTo("/if/flow/" + IMPLICIT + "/");
        }
    }

    @Test
    void applicationDeniedByPolicyThenAccessDeniedPageAndTheRequestStaysPending() throws Exception {
        Client c = client(h2, "Vault Box", IMPLICIT, Map.of());
        JsonNode policy = expect(h2.send("POST", "/api/v3/policies/expression/", ADMIN, obj("name", "vault-box-closed",
                "expression", "ak_message(\"Devices are not allowed here.\") && false")), 201);
        expect(h2.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", c.application(),
                "policy", policy.get("pk").asString(), "order", 0)), 201);
        DeviceAuthorizationSuccessResponse d = device(c, "openid");
        try (FlowClient browser = signedIn(h2, "akadmin")) {
            HttpResponse<String> r = enter(browser, d.getUserCode().getValue());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.headers().firstValue("Location")).isEmpty();
            assertThat(r.body()).contains("Access denied").contains("Devices are not allowed here.");
        }
        assertThat(stored(h2, d).status()).isEqualTo(DeviceAuthorization.Status.PENDING);
        assertThat(error(poll(c, c.auth(), d.getDeviceCode()))).isEqualTo("authorization_pending");
    }

    @Test
    void brandDeviceCodeFlowWhenSetThenTheCodeIsEnteredInThatFlowAsInAuthentik() throws Exception {
        JsonNode flow = expect(h2.send("POST", "/api/v3/flows/instances/", ADMIN, obj("name", "Device code",
                "slug", "device-code-entry", "title", "Connect your device", "designation", "stage_configuration",
                "authentication", "require_authenticated")), 201);
        UUID brand = new BrandStore(stores(h2)).defaultBrand().orElseThrow().pk();
        setBrandDeviceFlow(brand, UUID.fromString(flow.get("pk").asString()));
        try {
            Client c = client(h2, "Radio", IMPLICIT, Map.of());
            DeviceAuthorizationSuccessResponse d = device(c, "openid");
            String userCode = d.getUserCode().getValue();
            String entryPage = "/if/flow/device-code-entry/";
            try (FlowClient browser = signedIn(h2, "akadmin")) {
                assertThat(location(browser.getDirect(d.getVerificationURIComplete().toString()), 302)).isEqualTo(entryPage);
                HttpResponse<String> entry = browser.getDirect(entryPage);
                assertThat(entry.body()).contains("Connect your device").contains("ak-provider-oauth2-device-code")
                        .contains("value=\"" + userCode + "\"");

                String wrong = userCode.startsWith("B") ? "CCCC-CCCC" : "BBBB-BBBB";
                HttpResponse<String> refused = browser.postFormDirect(entryPage, Map.of("csrf", hidden(entry.body(), "csrf"),
                        "component", "ak-provider-oauth2-device-code", "code", wrong));
                assertThat(refused.statusCode()).isEqualTo(200);
                assertThat(refused.body()).contains("This code is not valid");

                HttpResponse<String> accepted = browser.postFormDirect(entryPage, Map.of(
                        "csrf", hidden(refused.body(), "csrf"), "component", "ak-provider-oauth2-device-code",
                        "code", userCode));
                assertThat(location(accepted, 303)).isEqualTo(entryPage);
                String confirmed = location(browser.getDirect(entryPage), 302);
                assertThat(confirmed).startsWith("/device?code=" + userCode + "&confirm=");

                String forged = "/device?code=" + userCode + "&confirm=" + Instant.now().toEpochMilli() + ".forged";
                assertThat(location(browser.getDirect(forged), 302)).as("a forged confirmation asks again")
                        .isEqualTo(entryPage);
                assertThat(stored(h2, d).status()).isEqualTo(DeviceAuthorization.Status.PENDING);

                String flowPage = location(browser.getDirect(confirmed), 302);
                assertThat(flowPage).isEqualTo("/if/flow/" + IMPLICIT + "/");
                assertThat(browser.getDirect(flowPage).body()).contains("Your device is now signed in to Radio");
            }
            assertThat(poll(c, c.auth(), d.getDeviceCode()).indicatesSuccess()).isTrue();
        } finally {
            setBrandDeviceFlow(brand, null);
        }
    }

    private static void setBrandDeviceFlow(UUID brand, UUID flow) {
        h2.gatehouse().database().dsl().update(CoreTables.Brands.T).set(CoreTables.Brands.FLOW_DEVICE_CODE, flow)
                .where(CoreTables.Brands.UUID_.eq(brand)).execute();
    }
}
