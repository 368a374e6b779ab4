package dev.gatehouse.provider.oauth2;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.token.AuthorizationCode;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import tools.jackson.databind.JsonNode;

/**
 * An application with an OAuth2 provider on a test server, and its discovered metadata; Nimbus as the relying
 * party, a cookie-keeping HTTP client as the browser.
 */
public record OAuth2Fixture(TestServer server, String slug, long providerPk, String clientId, String clientSecret,
                     OIDCProviderMetadata metadata) {
    public static final String REDIRECT = "https://rp.example.org/callback";
    public static final String AUTHORIZE = "/application/o/authorize/";
    private static final Pattern FORM = Pattern.compile(
            "<form method=\"post\" action=\"([^\"]*)\" data-autosubmit>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    /** A browser already signed in as akadmin. */
    static FlowClient signedIn(TestServer server) {
        FlowClient browser = new FlowClient(server.base());
        User admin = new UserStore(server.gatehouse().database().dsl()).byUsername("akadmin").orElseThrow();
        SessionService.Issued issued = server.gatehouse().sessions().login(admin, "127.0.0.1", "test", Duration.ofHours(1));
        browser.setCookie("gatehouse_session", issued.key());
        return browser;
    }

    /** The client's view of an authorization response: how it arrived, its parameters, and Nimbus's reading of them. */
    public record Answer(ResponseMode deliveredIn, URI target, Map<String, List<String>> parameters,
                  AuthenticationResponse response) {
    }

    /**
     * Sends {@code request} (its URI relative to this server) from the browser and follows it to what reaches the
     * client: a redirect to the redirect URI (query or fragment), or the form_post form — shown by the endpoint
     * itself or at the end of the authorization flow. Anything else fails the test.
     */
    public Answer authorize(FlowClient browser, AuthorizationRequest request) throws Exception {
        return follow(browser, browser.getDirect(request.toURI().toString()));
    }

    /** From a response of the authorization endpoint or of the flow page, to what reaches the client. */
    Answer follow(FlowClient browser, HttpResponse<String> r) throws Exception {
        if (r.statusCode() == 302 && r.headers().firstValue("Location").orElseThrow().startsWith("/if/flow/")) {
            r = browser.getDirect(r.headers().firstValue("Location").orElseThrow());
        }
        if (r.statusCode() == 302) {
            URI location = URI.create(r.headers().firstValue("Location").orElseThrow());
            assertThat(location.toString()).startsWith(REDIRECT);
            ResponseMode mode = location.getRawFragment() != null ? ResponseMode.FRAGMENT : ResponseMode.QUERY;
            assertThat(location.getRawQuery() == null || location.getRawFragment() == null)
                    .as("either the query or the fragment: %s", location).isTrue();
            return new Answer(mode, location, AuthorizationResponse.parseResponseParameters(location),
                    AuthenticationResponseParser.parse(location));
        }
        Matcher form = FORM.matcher(r.body());
        assertThat(r.statusCode() == 200 && form.find()).as("a redirect or a form_post form: %s %s", r.statusCode(),
                r.body()).isTrue();
        Map<String, List<String>> params = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(form.group(2));
        while (hidden.find()) {
            params.put(unescape(hidden.group(1)), List.of(unescape(hidden.group(2))));
        }
        URI target = URI.create(unescape(form.group(1)));
        return new Answer(ResponseMode.FORM_POST, target, params, AuthenticationResponseParser.parse(target, params));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** The id_token as the relying party checks it (OIDC Core §3.1.3.7, §3.2.2.11): signature by JWKS, claims, nonce. */
    public IDTokenClaimsSet validIdToken(JWT idToken, Nonce nonce) throws Exception {
        return new IDTokenValidator(metadata.getIssuer(), new ClientID(clientId), JWSAlgorithm.RS256,
                metadata.getJWKSetURI().toURL()).validate(idToken, nonce);
    }

    /** How many codes and tokens this provider has issued. */
    int issuedCount() {
        DSLContext dsl = server.gatehouse().database().dsl();
        return dsl.fetchCount(DSL.table(DSL.name("oauth2_code")), DSL.field(DSL.name("provider_id")).eq(providerPk))
                + dsl.fetchCount(DSL.table(DSL.name("oauth2_token")), DSL.field(DSL.name("provider_id")).eq(providerPk));
    }

    public static OAuth2Fixture create(TestServer server, String slug, Map<String, Object> extra) {
        String flow = expect(server.get("/api/v3/flows/instances/default-provider-authorization-implicit-consent/",
                ADMIN), 200).get("pk").asString();
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("name", "provider-" + slug,
                "authorization_flow", flow, "redirect_uris",
                java.util.List.of(Map.of("matching_mode", "strict", "url", REDIRECT))));
        body.putAll(extra);
        JsonNode p = expect(server.send("POST", "/api/v3/providers/oauth2/", ADMIN,
                dev.gatehouse.api.ApiTestSupport.JSON.writeValueAsString(body)), 201);
        expect(server.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", "App " + slug, "slug", slug,
                "provider", p.get("pk").asLong())), 201);
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(
                    new Issuer(server.base() + "/application/o/" + slug + "/"));
            return new OAuth2Fixture(server, slug, p.get("pk").asLong(), p.get("client_id").asString(),
                    p.get("client_secret").asString(), metadata);
        } catch (Exception e) {
            throw new IllegalStateException("discovery failed", e);
        }
    }

    /** The same application as another server of the cluster (one database) discovers it. */
    public OAuth2Fixture on(TestServer other) {
        try {
            return new OAuth2Fixture(other, slug, providerPk, clientId, clientSecret, OIDCProviderMetadata.resolve(
                    new Issuer(other.base() + "/application/o/" + slug + "/")));
        } catch (Exception e) {
            throw new IllegalStateException("discovery failed", e);
        }
    }

    /**
     * A relying party's authorization-code sign-in: the authorization request (with {@code nonce}) sent from the
     * browser, the code it brings back exchanged at the token endpoint with Nimbus; fails unless both succeed.
     */
    public OIDCTokens codeFlow(FlowClient browser, Scope scope, Nonce nonce) throws Exception {
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, scope,
                new ClientID(clientId), URI.create(REDIRECT)).endpointURI(URI.create(AUTHORIZE)).state(new State())
                .nonce(nonce).build();
        AuthenticationResponse answer = authorize(browser, request).response();
        assertThat(answer.indicatesSuccess()).as("authorization response %s", answer).isTrue();
        TokenResponse tokens = OIDCTokenResponseParser.parse(new TokenRequest(tokenEndpoint(), basic(),
                new AuthorizationCodeGrant(answer.toSuccessResponse().getAuthorizationCode(), URI.create(REDIRECT)))
                .toHTTPRequest().send());
        assertThat(tokens.indicatesSuccess()).as("token response %s", tokens).isTrue();
        return ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens();
    }

    public ClientSecretBasic basic() {
        return new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret));
    }

    public URI tokenEndpoint() {
        return metadata.getTokenEndpointURI();
    }

    DSLContext stores() {
        return server.gatehouse().database().dsl();
    }

    long userPk(String username) {
        return new UserStore(stores()).byUsername(username).orElseThrow().pk();
    }

    /** A code as the authorization endpoint stores it (hash only); returns the code. */
    String issueCode(long user, String scope, String nonce, String challenge, String method, Instant expires) {
        String code = Secrets.randomKey(64);
        new OAuth2GrantStore(stores()).insert(new AuthorizationCode(Secrets.sha256Hex(code), UUID.randomUUID(), providerPk,
                user, REDIRECT, scope, nonce, challenge, method, Instant.now().minusSeconds(5), "session-hash", "pwd",
                expires, false));
        return code;
    }
}
