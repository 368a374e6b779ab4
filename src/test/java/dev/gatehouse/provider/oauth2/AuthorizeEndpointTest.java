package dev.gatehouse.provider.oauth2;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.Prompt;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.token.AuthorizationCode;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code /application/o/authorize/} against a real server, with Nimbus building the requests and parsing the
 * responses as a relying party would, and a cookie-keeping HTTP client as the browser.
 */
class AuthorizeEndpointTest {
    private static final String AUTHORIZE = "/application/o/authorize/";
    private static final String CB = "https://app.example/cb";
    private static final String IMPLICIT = "default-provider-authorization-implicit-consent";
    private static final String EXPLICIT = "default-provider-authorization-explicit-consent";
    private static final String LOGIN_FLOW = "default-authentication-flow";
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

    /** A registered client: its provider and application. */
    private record Client(String clientId, long provider, String application, String name) {
    }

    private static Client client(TestServer server, String name, String flowSlug, String clientType,
                                 List<Map<String, String>> redirectUris) {
        String flow = expect(server.get("/api/v3/flows/instances/" + flowSlug + "/", ADMIN), 200).get("pk").asString();
        JsonNode p = expect(server.send("POST", "/api/v3/providers/oauth2/", ADMIN, obj("name", name,
                "authorization_flow", flow, "client_type", clientType, "redirect_uris", redirectUris)), 201);
        JsonNode app = expect(server.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", name,
                "slug", name.toLowerCase().replace(' ', '-'), "provider", p.get("pk").asLong())), 201);
        return new Client(p.get("client_id").asString(), p.get("pk").asLong(), app.get("pk").asString(), name);
    }

    private static List<Map<String, String>> strict(String url) {
        return List.of(Map.of("matching_mode", "strict", "url", url));
    }

    private static AuthenticationRequest.Builder oidc(Client c, String... scopes) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(scopes), new ClientID(c.clientId()),
                URI.create(CB)).endpointURI(URI.create(AUTHORIZE)).state(new State()).nonce(new Nonce());
    }

    private static String path(AuthorizationRequest request) {
        return request.toURI().toString();
    }

    private static String location(HttpResponse<String> r) {
        assertThat(r.statusCode()).as("%s -> %s", r.uri(), r.body()).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    private static AuthorizationResponse clientResponse(HttpResponse<String> r) throws Exception {
        String location = location(r);
        assertThat(location).startsWith(CB);
        return AuthorizationResponse.parse(URI.create(location));
    }

    private static FlowClient signedIn(TestServer server) {
        return OAuth2Fixture.signedIn(server);
    }

    /** Signs in through the executor API on the login page the browser was sent to; returns where it leads. */
    private static String logIn(FlowClient browser, String loginPage) {
        URI page = URI.create(loginPage);
        assertThat(page.getPath()).isEqualTo("/if/flow/" + LOGIN_FLOW + "/");
        JsonNode end = browser.run(LOGIN_FLOW, page.getRawQuery(), "akadmin", TestServer.ADMIN_PASSWORD);
        assertThat(end.get("component").asString()).as(end.toString()).isEqualTo("xak-flow-redirect");
        return end.get("to").asString();
    }

    private static DSLContext stores(TestServer server) {
        return server.gatehouse().database().dsl();
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("hidden %s in %s", name, html).isTrue();
        return m.group(1);
    }

    @org.junit.jupiter.api.Test
    void loginHintIsPrefilledOnTheLoginPageAndInTheIdentificationChallenge() throws Exception {
        Client c = client(h2, "Hinted", IMPLICIT, "confidential", strict(CB));
        AuthenticationRequest request = oidc(c, "openid").loginHint("alice@example.org").build();
        try (FlowClient browser = new FlowClient(h2.base())) {
            String toLogin = location(browser.getDirect(path(request)));
            assertThat(toLogin).startsWith("/flows/-/default/authentication/?next=").endsWith("&login_hint=alice%40example.org");
            String page = location(browser.getDirect(toLogin));
            URI pageUri = URI.create(page);
            assertThat(pageUri.getPath()).isEqualTo("/if/flow/" + LOGIN_FLOW + "/");
            String html = browser.getDirect(page).body();
            assertThat(html).contains("name=\"uid_field\" type=\"text\" autocomplete=\"username webauthn\" autofocus required value=\"alice@example.org\"");
            JsonNode challenge = browser.current(LOGIN_FLOW, pageUri.getRawQuery());
            assertThat(challenge.get("pending_user_identifier").asString()).isEqualTo("alice@example.org");
            String back = logIn(browser, page);
            assertThat(back).as("the hint only pre-fills: signing in as someone else works").startsWith(AUTHORIZE + "?");
        }
        try (FlowClient browser = new FlowClient(h2.base())) {
            String page = location(browser.getDirect(location(browser.getDirect(path(oidc(c, "openid").build())))));
            assertThat(browser.current(LOGIN_FLOW, URI.create(page).getRawQuery()).has("pending_user_identifier"))
                    .as("no hint, nothing pre-filled").isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void codeWhenSignedOutThenSignInRoundTripAndCodeWithStateStoredAsHash(String kind) throws Exception {
        TestServer server = kind.equals("h2") ? h2 : postgres;
        Client c = client(server, "Wiki " + kind, IMPLICIT, "confidential", strict(CB));
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = oidc(c, "openid", "email", "profile", "not-offered")
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        try (FlowClient browser = new FlowClient(server.base())) {
            String toLogin = location(browser.getDirect(path(request)));
            assertThat(toLogin).startsWith("/flows/-/default/authentication/?next=%2Fapplication%2Fo%2Fauthorize%2F%3F");
            String back = logIn(browser, location(browser.getDirect(toLogin)));
            assertThat(back).startsWith(AUTHORIZE + "?");

            AuthorizationResponse response = clientResponse(browser.getDirect(back));

            assertThat(response.indicatesSuccess()).isTrue();
            assertThat(response.getState()).isEqualTo(request.getState());
            assertThat(response.impliedResponseMode()).isEqualTo(ResponseMode.QUERY);
            String code = response.toSuccessResponse().getAuthorizationCode().getValue();
            assertThat(code).hasSize(64);
            assertThat(new OAuth2GrantStore(stores(server)).code(code)).as("only the hash is stored").isEmpty();
            AuthorizationCode row = new OAuth2GrantStore(stores(server)).code(Secrets.sha256Hex(code)).orElseThrow();
            String sessionKey = browser.cookie("gatehouse_session").orElseThrow();
            SessionService.Live live = server.gatehouse().sessions().resolve(sessionKey).orElseThrow();
            assertThat(row.provider()).isEqualTo(c.provider());
            assertThat(row.user()).isEqualTo(live.user().pk());
            assertThat(row.redirectUri()).isEqualTo(CB);
            assertThat(row.scope()).isEqualTo("openid email profile");
            assertThat(row.nonce()).isEqualTo(request.getNonce().getValue());
            assertThat(row.codeChallenge()).isEqualTo(request.getCodeChallenge().getValue());
            assertThat(row.codeChallengeMethod()).isEqualTo("S256");
            assertThat(row.sessionHash()).isEqualTo(Secrets.sha256Hex(sessionKey));
            assertThat(row.authTime()).isEqualTo(live.session().created());
            assertThat(row.amr()).isEqualTo("pwd");
            assertThat(row.used()).isFalse();
            assertThat(row.expires()).isBetween(Instant.now(), Instant.now().plusSeconds(61));

            JsonNode event = expect(server.get("/api/v3/events/events/?action=authorize_application", ADMIN), 200)
                    .get("results").get(0);
            assertThat(event.get("context").get("scopes").asString()).isEqualTo("openid email profile");
            assertThat(event.get("context").get("authorized_application").get("pk").asString()).isEqualTo(c.application());
            assertThat(event.get("user").get("username").asString()).isEqualTo("akadmin");

            // the relying party redeems the code at the token endpoint and validates the id_token (Nimbus)
            String secret = expect(server.get("/api/v3/providers/oauth2/" + c.provider() + "/", ADMIN), 200)
                    .get("client_secret").asString();
            var tokens = com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser.parse(new com.nimbusds.oauth2.sdk.TokenRequest(
                    URI.create(server.base() + "/application/o/token/"),
                    new com.nimbusds.oauth2.sdk.auth.ClientSecretBasic(new ClientID(c.clientId()),
                            new com.nimbusds.oauth2.sdk.auth.Secret(secret)),
                    new com.nimbusds.oauth2.sdk.AuthorizationCodeGrant(response.toSuccessResponse().getAuthorizationCode(),
                            URI.create(CB), verifier)).toHTTPRequest().send());
            assertThat(tokens.indicatesSuccess()).as(tokens.toString()).isTrue();
            String slug = c.name().toLowerCase().replace(' ', '-');
            var issuer = new com.nimbusds.oauth2.sdk.id.Issuer(server.base() + "/application/o/" + slug + "/");
            var id = new com.nimbusds.openid.connect.sdk.validators.IDTokenValidator(issuer, new ClientID(c.clientId()),
                    com.nimbusds.jose.JWSAlgorithm.RS256,
                    URI.create(server.base() + "/application/o/" + slug + "/jwks/").toURL())
                    .validate(((com.nimbusds.openid.connect.sdk.OIDCTokenResponse) tokens.toSuccessResponse())
                            .getOIDCTokens().getIDToken(), request.getNonce());
            assertThat(id.getStringClaim("email")).isEqualTo("admin@example.org");
            assertThat(id.getAuthenticationTime().toInstant().getEpochSecond())
                    .isEqualTo(live.session().created().getEpochSecond());
            assertThat(id.getStringClaim("sid")).isNotBlank();
        }
    }

    @Test
    void explicitConsentWhenAnsweredThenCodeAndRememberedUntilPromptConsentOrMoreScope() throws Exception {
        JsonNode stage = expect(h2.get("/api/v3/stages/consent/?name=default-provider-authorization-consent", ADMIN), 200)
                .get("results").get(0);
        expect(h2.send("PATCH", "/api/v3/stages/consent/" + stage.get("pk").asString() + "/", ADMIN,
                obj("mode", "permanent")), 200);
        Client c = client(h2, "Notes", EXPLICIT, "confidential", strict(CB));
        String flowPage = "/if/flow/" + EXPLICIT + "/";
        try (FlowClient browser = signedIn(h2)) {
            AuthenticationRequest first = oidc(c, "openid", "email", "profile").build();
            assertThat(location(browser.getDirect(path(first)))).isEqualTo(flowPage);
            HttpResponse<String> page = browser.getDirect(flowPage);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Redirecting to Notes").contains("Email address")
                    .contains("General Profile Information").doesNotContain("<li>openid</li>");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("csrf", hidden(page.body(), "csrf"));
            form.put("component", "ak-stage-consent");
            form.put("token", hidden(page.body(), "token"));
            HttpResponse<String> answered = browser.postFormDirect(flowPage, form);
            assertThat(answered.statusCode()).isEqualTo(303);

            AuthorizationResponse granted = clientResponse(browser.getDirect(flowPage));
            assertThat(granted.indicatesSuccess()).isTrue();
            assertThat(granted.getState()).isEqualTo(first.getState());

            AuthenticationRequest again = oidc(c, "openid", "email").build();
            AuthorizationResponse remembered = clientResponse(browser.getDirect(path(again)));
            assertThat(remembered.indicatesSuccess()).as("consent remembered: no question").isTrue();
            assertThat(remembered.getState()).isEqualTo(again.getState());

            AuthenticationRequest forced = oidc(c, "openid", "email").prompt(new Prompt(Prompt.Type.CONSENT)).build();
            assertThat(location(browser.getDirect(path(forced)))).isEqualTo(flowPage);
            assertThat(browser.getDirect(flowPage).body()).contains("Email address");

            AuthenticationRequest silent = oidc(c, "openid", "email", "offline_access")
                    .prompt(new Prompt(Prompt.Type.NONE)).build();
            AuthorizationResponse refused = clientResponse(browser.getDirect(path(silent)));
            assertThat(refused.indicatesSuccess()).isFalse();
            assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("consent_required");
            assertThat(refused.getState()).isEqualTo(silent.getState());
        }
    }

    @Test
    void untrustedClientOrRedirectUriThenErrorPageAndNeverARedirect() throws Exception {
        Client exact = client(h2, "Exact", IMPLICIT, "confidential", strict(CB));
        Client pattern = client(h2, "Pattern", IMPLICIT, "confidential",
                List.of(Map.of("matching_mode", "regex", "url", "https://a\\.example\\.com(/.*)?")));
        Client none = client(h2, "Nowhere", IMPLICIT, "confidential", List.of());
        JsonNode orphan = expect(h2.send("POST", "/api/v3/providers/oauth2/", ADMIN, obj("name", "Orphan",
                "authorization_flow", expect(h2.get("/api/v3/flows/instances/" + IMPLICIT + "/", ADMIN), 200)
                        .get("pk").asString(), "redirect_uris", strict(CB))), 201);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("unregistered", query(exact.clientId(), "https://evil.example/cb"));
        cases.put("prefix of registered", query(exact.clientId(), CB + "/more"));
        cases.put("regex near-miss", query(pattern.clientId(), "https://a.example.com.evil.net"));
        cases.put("regex near-miss with path", query(pattern.clientId(), "https://a.example.com.evil.net/cb"));
        cases.put("nothing registered", query(none.clientId(), CB));
        cases.put("regex without redirect_uri", query(pattern.clientId(), null));
        cases.put("javascript", "response_type=code&client_id=" + pattern.clientId()
                + "&redirect_uri=javascript%3Aalert(1)%2F%2Fhttps%3A%2F%2Fa.example.com%2F");
        cases.put("unknown client", query("no-such-client", CB));
        cases.put("no application", query(orphan.get("client_id").asString(), CB));
        try (FlowClient browser = signedIn(h2)) {
            for (Map.Entry<String, String> e : cases.entrySet()) {
                HttpResponse<String> r = browser.getDirect(AUTHORIZE + "?" + e.getValue());
                assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
                assertThat(r.headers().firstValue("Location")).as(e.getKey()).isEmpty();
                assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
                assertThat(r.body()).as(e.getKey()).doesNotContain("evil").contains("cannot be used");
            }
        }
        try (FlowClient browser = signedIn(h2)) {
            HttpResponse<String> matched = browser.getDirect(AUTHORIZE + "?" + query(pattern.clientId(),
                    "https://a.example.com/cb"));
            assertThat(location(matched)).startsWith("https://a.example.com/cb?code=");
            HttpResponse<String> omitted = browser.getDirect(AUTHORIZE + "?" + query(exact.clientId(), null));
            assertThat(location(omitted)).as("the single registered URI").startsWith(CB + "?code=");
        }
    }

    private static String query(String clientId, String redirectUri) {
        AuthorizationRequest.Builder b = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(clientId))
                .state(new State("st"));
        if (redirectUri != null) {
            b.redirectionURI(URI.create(redirectUri));
        }
        return b.build().toQueryString();
    }

    @Test
    void trustedClientErrorsGoToTheRedirectUriWithState() throws Exception {
        Client pub = client(h2, "Mobile", IMPLICIT, "public", strict(CB));
        try (FlowClient browser = signedIn(h2)) {
            AuthorizationRequest noPkce = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(pub.clientId()))
                    .redirectionURI(URI.create(CB)).state(new State()).endpointURI(URI.create(AUTHORIZE)).build();
            AuthorizationResponse r = clientResponse(browser.getDirect(path(noPkce)));
            assertThat(r.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_request");
            assertThat(r.getState()).isEqualTo(noPkce.getState());

            String badMethod = path(noPkce) + "&code_challenge=" + "a".repeat(43) + "&code_challenge_method=S512";
            assertThat(clientResponse(browser.getDirect(badMethod)).toErrorResponse().getErrorObject().getCode())
                    .isEqualTo("invalid_request");

            AuthorizationRequest plain = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(pub.clientId()))
                    .redirectionURI(URI.create(CB)).state(new State()).endpointURI(URI.create(AUTHORIZE))
                    .codeChallenge(new CodeVerifier(), CodeChallengeMethod.PLAIN).build();
            AuthorizationResponse granted = clientResponse(browser.getDirect(path(plain)));
            assertThat(granted.indicatesSuccess()).isTrue();
            AuthorizationCode row = new OAuth2GrantStore(stores(h2)).code(Secrets.sha256Hex(
                    granted.toSuccessResponse().getAuthorizationCode().getValue())).orElseThrow();
            assertThat(row.codeChallengeMethod()).isEqualTo("plain");
            assertThat(row.scope()).isEmpty();
            assertThat(row.nonce()).isNull();

            AuthorizationRequest implicit = new AuthorizationRequest.Builder(new ResponseType("token"),
                    new ClientID(pub.clientId())).redirectionURI(URI.create(CB)).state(new State())
                    .endpointURI(URI.create(AUTHORIZE)).build();
            String toClient = location(browser.getDirect(path(implicit)));
            assertThat(toClient).startsWith(CB + "#");
            AuthorizationResponse unsupported = AuthorizationResponse.parse(URI.create(toClient));
            assertThat(unsupported.toErrorResponse().getErrorObject().getCode()).isEqualTo("unsupported_response_type");
            assertThat(unsupported.getState()).isEqualTo(implicit.getState());
        }
    }

    @Test
    void promptNoneWhenSignedOutThenLoginRequiredOnTheRedirect() throws Exception {
        Client c = client(h2, "Silent", IMPLICIT, "confidential", strict(CB));
        AuthenticationRequest request = oidc(c, "openid").prompt(new Prompt(Prompt.Type.NONE)).build();
        try (FlowClient browser = new FlowClient(h2.base())) {
            AuthorizationResponse r = clientResponse(browser.getDirect(path(request)));
            assertThat(r.indicatesSuccess()).isFalse();
            assertThat(r.toErrorResponse().getErrorObject().getCode()).isEqualTo("login_required");
            assertThat(r.getState()).isEqualTo(request.getState());
        }
    }

    @Test
    void promptLoginThenSignInAgainOnceAndTheCodeCarriesTheNewSession() throws Exception {
        Client c = client(h2, "Bank", IMPLICIT, "confidential", strict(CB));
        AuthenticationRequest request = oidc(c, "openid").prompt(new Prompt(Prompt.Type.LOGIN)).build();
        try (FlowClient browser = signedIn(h2)) {
            String oldSession = browser.cookie("gatehouse_session").orElseThrow();
            String toLogin = location(browser.getDirect(path(request)));
            assertThat(toLogin).startsWith("/flows/-/default/authentication/?next=").contains("gatehouse_reauth");
            String back = logIn(browser, location(browser.getDirect(toLogin)));
            String newSession = browser.cookie("gatehouse_session").orElseThrow();
            assertThat(newSession).isNotEqualTo(oldSession);

            AuthorizationResponse r = clientResponse(browser.getDirect(back));
            AuthorizationCode row = new OAuth2GrantStore(stores(h2)).code(Secrets.sha256Hex(
                    r.toSuccessResponse().getAuthorizationCode().getValue())).orElseThrow();
            assertThat(row.sessionHash()).isEqualTo(Secrets.sha256Hex(newSession));

            browser.setCookie("gatehouse_session", oldSession);
            assertThat(location(browser.getDirect(back))).as("the old session is older than the marker")
                    .startsWith("/flows/-/default/authentication/");
            browser.setCookie("gatehouse_session", newSession);
            String forged = back.replaceAll("gatehouse_reauth=[^&]*", "gatehouse_reauth=1.forged");
            assertThat(location(browser.getDirect(forged))).startsWith("/flows/-/default/authentication/");
        }
    }

    @Test
    void applicationDeniedByPolicyThenAccessDeniedPageWithItsMessageAndNoCode() throws Exception {
        Client c = client(h2, "Vault", IMPLICIT, "confidential", strict(CB));
        JsonNode policy = expect(h2.send("POST", "/api/v3/policies/expression/", ADMIN, obj("name", "vault-closed",
                "expression", "ak_message(\"The vault is closed today.\") && false")), 201);
        expect(h2.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", c.application(),
                "policy", policy.get("pk").asString(), "order", 0)), 201);
        try (FlowClient browser = signedIn(h2)) {
            HttpResponse<String> r = browser.getDirect(path(oidc(c, "openid").build()));
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.headers().firstValue("Location")).isEmpty();
            assertThat(r.body()).contains("Access denied").contains("The vault is closed today.");
            assertThat(h2.gatehouse().database().dsl().fetchCount(
                    org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("oauth2_code")),
                    org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("provider_id")).eq(c.provider()))).isZero();
        }
    }

    @Test
    void formPostThenAutoSubmittingFormWithCodeAndStateThatWorksWithoutJavaScript() throws Exception {
        Client c = client(h2, "Portal", IMPLICIT, "confidential", strict(CB));
        Client pub = client(h2, "Portal App", IMPLICIT, "public", strict(CB));
        try (FlowClient browser = signedIn(h2)) {
            AuthenticationRequest request = oidc(c, "openid").responseMode(ResponseMode.FORM_POST).build();
            String flowPage = location(browser.getDirect(path(request)));
            assertThat(flowPage).isEqualTo("/if/flow/" + IMPLICIT + "/");
            HttpResponse<String> page = browser.getDirect(flowPage);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<form method=\"post\" action=\"" + CB + "\"").contains("<button type=\"submit\"")
                    .contains("/static/autosubmit.js");
            assertThat(hidden(page.body(), "state")).isEqualTo(request.getState().getValue());
            String code = hidden(page.body(), "code");
            assertThat(new OAuth2GrantStore(stores(h2)).code(Secrets.sha256Hex(code))).isPresent();
            assertThat(hidden(browser.getDirect(flowPage).body(), "code")).as("a reload shows the same code").isEqualTo(code);

            AuthorizationRequest noPkce = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(pub.clientId()))
                    .redirectionURI(URI.create(CB)).state(new State("s1")).responseMode(ResponseMode.FORM_POST)
                    .endpointURI(URI.create(AUTHORIZE)).build();
            HttpResponse<String> error = browser.getDirect(path(noPkce));
            assertThat(error.statusCode()).isEqualTo(200);
            assertThat(error.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("form-action https://app.example");
            assertThat(hidden(error.body(), "error")).isEqualTo("invalid_request");
            assertThat(hidden(error.body(), "state")).isEqualTo("s1");
        }
    }
}
