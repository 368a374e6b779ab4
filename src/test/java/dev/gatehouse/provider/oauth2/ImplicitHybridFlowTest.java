package dev.gatehouse.provider.oauth2;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCResponseTypeValue;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.AuthorizationCodeValidator;
import com.nimbusds.openid.connect.sdk.validators.InvalidHashException;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.Timedelta;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.token.GrantToken;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The implicit and hybrid flows at {@code /application/o/authorize/} (OIDC Core §3.2, §3.3; OAuth 2.0 Multiple
 * Response Type Encoding Practices; Form Post Response Mode; RFC 9207) with Nimbus as the relying party: every
 * response type in every mode it may use, what is refused and where the refusal goes, and that consent, prompt
 * and application policies take the same path as the code flow.
 */
class ImplicitHybridFlowTest {
    static final List<ResponseType> TOKEN_TYPES = List.of(ResponseType.IDTOKEN, ResponseType.IDTOKEN_TOKEN,
            ResponseType.CODE_IDTOKEN, ResponseType.CODE_TOKEN, ResponseType.CODE_IDTOKEN_TOKEN);
    private static final URI REDIRECT = URI.create(OAuth2Fixture.REDIRECT);
    private static TestServer server;
    private static OAuth2Fixture app;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        app = OAuth2Fixture.create(server, "spa", Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> typesAndModes() {
        return TOKEN_TYPES.stream().flatMap(t -> Stream.of(Arguments.of(t, ResponseMode.FRAGMENT),
                Arguments.of(t, ResponseMode.FORM_POST)));
    }

    static Stream<ResponseType> tokenTypes() {
        return TOKEN_TYPES.stream();
    }

    /** An OpenID request as a relying party builds it (Nimbus checks nonce and scope itself). */
    private static AuthenticationRequest request(OAuth2Fixture client, ResponseType type, ResponseMode mode,
                                                 Nonce nonce, String... scopes) {
        return new AuthenticationRequest.Builder(type, new Scope(scopes), new ClientID(client.clientId()), REDIRECT)
                .endpointURI(URI.create(OAuth2Fixture.AUTHORIZE)).state(new State()).nonce(nonce).responseMode(mode)
                .build();
    }

    /** A request Nimbus's OpenID builder would not build (no nonce, the query mode): the plain OAuth builder. */
    private static AuthorizationRequest raw(ResponseType type, ResponseMode mode, String nonce) {
        AuthorizationRequest.Builder b = new AuthorizationRequest.Builder(type, new ClientID(app.clientId()))
                .redirectionURI(REDIRECT).scope(new Scope("openid", "email")).state(new State("st-1"))
                .responseMode(mode).endpointURI(URI.create(OAuth2Fixture.AUTHORIZE));
        return nonce == null ? b.build() : b.customParameter("nonce", nonce).build();
    }

    private static AuthenticationErrorResponse error(OAuth2Fixture.Answer answer) {
        assertThat(answer.response().indicatesSuccess()).as("expected an error: %s", answer.parameters()).isFalse();
        return answer.response().toErrorResponse();
    }

    @Test
    void discoveryListsTheResponseTypesAndModesThatWorkAndTheIssParameter() {
        assertThat(app.metadata().getResponseTypes()).containsExactlyInAnyOrder(ResponseType.CODE, ResponseType.IDTOKEN,
                ResponseType.IDTOKEN_TOKEN, ResponseType.CODE_IDTOKEN, ResponseType.CODE_TOKEN,
                ResponseType.CODE_IDTOKEN_TOKEN);
        assertThat(app.metadata().getResponseModes()).containsExactlyInAnyOrder(ResponseMode.QUERY,
                ResponseMode.FRAGMENT, ResponseMode.FORM_POST);
        assertThat(app.metadata().getGrantTypes()).extracting(g -> g.getValue()).contains("implicit");
        assertThat(app.metadata().supportsAuthorizationResponseIssuerParam()).isTrue();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("typesAndModes")
    void eachResponseTypeCarriesWhatItNamesWithHashesTheRelyingPartyVerifies(ResponseType type, ResponseMode mode)
            throws Exception {
        Nonce nonce = new Nonce();
        AuthenticationRequest request = request(app, type, mode, nonce, "openid", "email", "profile", "offline_access");
        try (FlowClient browser = OAuth2Fixture.signedIn(server)) {
            OAuth2Fixture.Answer answer = app.authorize(browser, request);

            assertThat(answer.deliveredIn()).isEqualTo(mode);
            assertThat(answer.response().indicatesSuccess()).as("%s", answer.parameters()).isTrue();
            AuthenticationSuccessResponse ok = answer.response().toSuccessResponse();
            assertThat(ok.getState()).isEqualTo(request.getState());
            assertThat(ok.getIssuer()).as("RFC 9207").isEqualTo(app.metadata().getIssuer());
            assertThat(answer.parameters()).doesNotContainKey("refresh_token");
            AuthorizationCode code = ok.getAuthorizationCode();
            AccessToken access = ok.getAccessToken();
            assertThat(code != null).as("code").isEqualTo(type.contains(ResponseType.Value.CODE));
            assertThat(access != null).as("access_token").isEqualTo(type.contains(ResponseType.Value.TOKEN));
            assertThat(ok.getIDToken() != null).as("id_token").isEqualTo(type.contains(OIDCResponseTypeValue.ID_TOKEN));

            var grants = new OAuth2GrantStore(app.stores());
            GrantToken stored = null;
            if (access != null) {
                assertThat(access.getType().getValue()).isEqualTo("Bearer");
                assertThat(access.getLifetime()).isEqualTo(Timedelta.parse(new OAuth2ProviderStore(app.stores())
                        .byPk(app.providerPk()).orElseThrow().accessTokenValidity()).toSeconds());
                assertThat(access.getScope().toStringList()).contains("openid", "email", "profile");
                String jti = SignedJWT.parse(access.getValue()).getJWTClaimsSet().getJWTID();
                stored = grants.token(Secrets.sha256Hex(jti)).orElseThrow();
                assertThat(stored.kind()).isEqualTo(GrantToken.Kind.ACCESS);
                assertThat(stored.active(java.time.Instant.now())).isTrue();
            }
            if (code != null) {
                var row = grants.code(Secrets.sha256Hex(code.getValue())).orElseThrow();
                assertThat(row.nonce()).isEqualTo(nonce.getValue());
                assertThat(row.used()).isFalse();
                if (stored != null) {
                    assertThat(stored.family()).as("one family: reusing the code revokes the token").isEqualTo(row.family());
                }
            }
            if (ok.getIDToken() == null) {
                return;
            }
            IDTokenClaimsSet id = app.validIdToken(ok.getIDToken(), nonce);
            assertThat(id.getAuthenticationTime()).isNotNull();
            assertThat(id.getACR().getValue()).isEqualTo("goauthentik.io/providers/oauth2/default");
            assertThat(id.getAMR()).extracting(a -> a.getValue()).containsExactly("pwd");
            assertThat(id.getStringClaim("sid")).isNotBlank();
            assertThat(id.getStringClaim("email")).isEqualTo("admin@example.org");
            JWSAlgorithm alg = JWSAlgorithm.RS256;
            if (access != null) {
                assertThat(id.getAccessTokenHash()).isNotNull();
                AccessTokenValidator.validate(access, alg, id.getAccessTokenHash());
                assertThat(SignedJWT.parse(access.getValue()).getJWTClaimsSet().getSubject())
                        .isEqualTo(id.getSubject().getValue());
                assertThatThrownBy(() -> AccessTokenValidator.validate(new BearerAccessToken("another"), alg,
                        id.getAccessTokenHash())).isInstanceOf(InvalidHashException.class);
            } else {
                assertThat(id.getAccessTokenHash()).as("no access token alongside: no at_hash").isNull();
            }
            if (code != null) {
                assertThat(id.getCodeHash()).isNotNull();
                AuthorizationCodeValidator.validate(code, alg, id.getCodeHash());
                assertThatThrownBy(() -> AuthorizationCodeValidator.validate(new AuthorizationCode("another"), alg,
                        id.getCodeHash())).isInstanceOf(InvalidHashException.class);
            } else {
                assertThat(id.getCodeHash()).as("no code alongside: no c_hash").isNull();
            }
            assertThatThrownBy(() -> app.validIdToken(ok.getIDToken(), new Nonce()))
                    .as("another request's nonce").isInstanceOf(BadJOSEException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("tokenTypes")
    void theQueryIsRefusedForTypesThatCarryTokensAndTheRefusalGoesInTheFragment(ResponseType type) throws Exception {
        int before = app.issuedCount();
        try (FlowClient browser = OAuth2Fixture.signedIn(server)) {
            OAuth2Fixture.Answer answer = app.authorize(browser, raw(type, ResponseMode.QUERY, "n-1"));
            assertThat(answer.deliveredIn()).isEqualTo(ResponseMode.FRAGMENT);
            assertThat(answer.target().getRawQuery()).isNull();
            AuthenticationErrorResponse refused = error(answer);
            assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_request");
            assertThat(refused.getState().getValue()).isEqualTo("st-1");
            assertThat(refused.getIssuer()).isEqualTo(app.metadata().getIssuer());
        }
        assertThat(app.issuedCount()).as("nothing issued").isEqualTo(before);
    }

    @Test
    void anIdTokenFromTheAuthorizeEndpointNeedsANonceAndTheRefusalGoesBackInTheRequestedMode() throws Exception {
        int before = app.issuedCount();
        try (FlowClient browser = OAuth2Fixture.signedIn(server)) {
            for (ResponseType type : TOKEN_TYPES.stream().filter(t -> t.contains(OIDCResponseTypeValue.ID_TOKEN)).toList()) {
                for (ResponseMode mode : List.of(ResponseMode.FRAGMENT, ResponseMode.FORM_POST)) {
                    OAuth2Fixture.Answer answer = app.authorize(browser, raw(type, mode, null));
                    assertThat(answer.deliveredIn()).as("%s %s", type, mode).isEqualTo(mode);
                    assertThat(answer.response().getRedirectionURI()).isEqualTo(REDIRECT);
                    AuthenticationErrorResponse refused = error(answer);
                    assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_request");
                    assertThat(refused.getErrorObject().getDescription()).contains("nonce");
                    assertThat(refused.getState().getValue()).isEqualTo("st-1");
                }
            }
            assertThat(app.issuedCount()).as("nothing issued").isEqualTo(before);

            OAuth2Fixture.Answer codeToken = app.authorize(browser, raw(ResponseType.CODE_TOKEN, ResponseMode.FRAGMENT, null));
            assertThat(codeToken.response().indicatesSuccess()).as("no id_token from this endpoint: no nonce needed")
                    .isTrue();
        }
    }

    @Test
    void anUntrustedRedirectUriIsAPageAndNeverARedirectWhateverTheResponseType() throws Exception {
        int before = app.issuedCount();
        Map<String, String> redirects = new LinkedHashMap<>();
        redirects.put("unregistered", "https://evil.example/callback");
        redirects.put("prefix of registered", OAuth2Fixture.REDIRECT + "/more");
        redirects.put("registered plus a query", OAuth2Fixture.REDIRECT + "?to=https%3A%2F%2Fevil.example");
        try (FlowClient browser = OAuth2Fixture.signedIn(server)) {
            for (ResponseType type : TOKEN_TYPES) {
                for (ResponseMode mode : List.of(ResponseMode.FRAGMENT, ResponseMode.FORM_POST)) {
                    for (Map.Entry<String, String> e : redirects.entrySet()) {
                        AuthenticationRequest tampered = new AuthenticationRequest.Builder(type,
                                new Scope("openid"), new ClientID(app.clientId()), URI.create(e.getValue()))
                                .endpointURI(URI.create(OAuth2Fixture.AUTHORIZE)).state(new State()).nonce(new Nonce())
                                .responseMode(mode).build();
                        HttpResponse<String> r = browser.getDirect(tampered.toURI().toString());
                        String what = type + " " + mode + " " + e.getKey();
                        assertThat(r.statusCode()).as(what).isEqualTo(400);
                        assertThat(r.headers().firstValue("Location")).as(what).isEmpty();
                        assertThat(r.body()).as(what).contains("cannot be used").doesNotContain("evil.example")
                                .doesNotContain("<form method=\"post\"");
                    }
                }
            }
        }
        assertThat(app.issuedCount()).as("nothing issued").isEqualTo(before);
    }

    @Test
    void publicClientsMayUseTheImplicitFlowButAHybridOneIssuesACodeAndNeedsPkce() throws Exception {
        OAuth2Fixture pub = OAuth2Fixture.create(server, "spa-public", Map.of("client_type", "public"));
        try (FlowClient browser = OAuth2Fixture.signedIn(server)) {
            Nonce nonce = new Nonce();
            OAuth2Fixture.Answer implicit = pub.authorize(browser, request(pub, ResponseType.IDTOKEN_TOKEN,
                    ResponseMode.FRAGMENT, nonce, "openid"));
            assertThat(implicit.response().indicatesSuccess()).as("%s", implicit.parameters()).isTrue();
            pub.validIdToken(implicit.response().toSuccessResponse().getIDToken(), nonce);

            OAuth2Fixture.Answer hybrid = pub.authorize(browser, request(pub, ResponseType.CODE_IDTOKEN,
                    ResponseMode.FRAGMENT, new Nonce(), "openid"));
            assertThat(error(hybrid).getErrorObject().getCode()).isEqualTo("invalid_request");
            assertThat(error(hybrid).getErrorObject().getDescription()).contains("PKCE");
        }
    }

    @Test
    void aDenyingApplicationPolicyIsAnAccessDeniedPageAndNothingIsIssued() throws Exception {
        OAuth2Fixture vault = OAuth2Fixture.create(server, "vault", Map.of());
        String application = expect(server.get("/api/v3/core/applications/vault/", ADMIN), 200).get("pk").asString();
        JsonNode policy = expect(server.send("POST", "/api/v3/policies/expression/", ADMIN, obj("name", "vault-shut",
                "expression", "ak_message(\"The vault is shut.\") && false")), 201);
        expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", application,
                "policy", policy.get("pk").asString(), "order", 0)), 201);
        try (FlowClient browser = OAuth2Fixture.signedIn(server)) {
            for (ResponseType type : TOKEN_TYPES) {
                for (ResponseMode mode : List.of(ResponseMode.FRAGMENT, ResponseMode.FORM_POST)) {
                    HttpResponse<String> r = browser.getDirect(request(vault, type, mode, new Nonce(), "openid")
                            .toURI().toString());
                    assertThat(r.statusCode()).as("%s %s", type, mode).isEqualTo(403);
                    assertThat(r.headers().firstValue("Location")).isEmpty();
                    assertThat(r.body()).contains("Access denied").contains("The vault is shut.")
                            .doesNotContain("access_token").doesNotContain("id_token");
                }
            }
        }
        assertThat(vault.issuedCount()).isZero();
    }

    @Test
    void signInPromptNoneAndExplicitConsentTakeTheCodeFlowsPath() throws Exception {
        String explicit = "default-provider-authorization-explicit-consent";
        String flow = expect(server.get("/api/v3/flows/instances/" + explicit + "/", ADMIN), 200).get("pk").asString();
        OAuth2Fixture notes = OAuth2Fixture.create(server, "notes", Map.of("authorization_flow", flow));

        try (FlowClient browser = new FlowClient(server.base())) {
            AuthenticationRequest silent = request(notes, ResponseType.IDTOKEN_TOKEN, ResponseMode.FRAGMENT, new Nonce(),
                    "openid");
            silent = new AuthenticationRequest.Builder(silent).prompt(new Prompt(Prompt.Type.NONE)).build();
            OAuth2Fixture.Answer loginRequired = notes.authorize(browser, silent);
            assertThat(loginRequired.deliveredIn()).isEqualTo(ResponseMode.FRAGMENT);
            assertThat(error(loginRequired).getErrorObject().getCode()).isEqualTo("login_required");

            Nonce nonce = new Nonce();
            AuthenticationRequest request = request(notes, ResponseType.CODE_IDTOKEN_TOKEN, ResponseMode.FRAGMENT,
                    nonce, "openid", "email");
            HttpResponse<String> toLogin = browser.getDirect(request.toURI().toString());
            assertThat(toLogin.statusCode()).isEqualTo(302);
            String loginPage = browser.getDirect(toLogin.headers().firstValue("Location").orElseThrow()).headers()
                    .firstValue("Location").orElseThrow();
            JsonNode end = browser.run("default-authentication-flow", URI.create(loginPage).getRawQuery(), "akadmin",
                    TestServer.ADMIN_PASSWORD);
            String back = end.get("to").asString();
            assertThat(back).startsWith(OAuth2Fixture.AUTHORIZE + "?");

            HttpResponse<String> toConsent = browser.getDirect(back);
            String flowPage = "/if/flow/" + explicit + "/";
            assertThat(toConsent.headers().firstValue("Location")).contains(flowPage);
            HttpResponse<String> page = browser.getDirect(flowPage);
            assertThat(page.body()).contains("Email address").doesNotContain("access_token");
            assertThat(notes.issuedCount()).as("nothing before consent").isZero();

            AuthenticationRequest silentWithoutConsent = new AuthenticationRequest.Builder(request(notes,
                    ResponseType.IDTOKEN, ResponseMode.FORM_POST, new Nonce(), "openid", "email"))
                    .prompt(new Prompt(Prompt.Type.NONE)).build();
            try (FlowClient other = OAuth2Fixture.signedIn(server)) {
                OAuth2Fixture.Answer consentRequired = notes.authorize(other, silentWithoutConsent);
                assertThat(consentRequired.deliveredIn()).isEqualTo(ResponseMode.FORM_POST);
                assertThat(error(consentRequired).getErrorObject().getCode()).isEqualTo("consent_required");
            }

            Map<String, String> form = new LinkedHashMap<>();
            form.put("csrf", hidden(page.body(), "csrf"));
            form.put("component", "ak-stage-consent");
            form.put("token", hidden(page.body(), "token"));
            assertThat(browser.postFormDirect(flowPage, form).statusCode()).isEqualTo(303);
            OAuth2Fixture.Answer granted = notes.follow(browser, browser.getDirect(flowPage));
            assertThat(granted.deliveredIn()).isEqualTo(ResponseMode.FRAGMENT);
            AuthenticationSuccessResponse ok = granted.response().toSuccessResponse();
            assertThat(ok.getState()).isEqualTo(request.getState());
            IDTokenClaimsSet id = notes.validIdToken(ok.getIDToken(), nonce);
            AccessTokenValidator.validate(ok.getAccessToken(), JWSAlgorithm.RS256, id.getAccessTokenHash());
            AuthorizationCodeValidator.validate(ok.getAuthorizationCode(), JWSAlgorithm.RS256, id.getCodeHash());
        }
    }

    private static String hidden(String html, String name) {
        var m = java.util.regex.Pattern.compile("name=\"" + java.util.regex.Pattern.quote(name) + "\" value=\"([^\"]*)\"")
                .matcher(html);
        assertThat(m.find()).as("hidden %s in %s", name, html).isTrue();
        return m.group(1);
    }
}
