package dev.gatehouse.provider.oauth2;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.gatehouse.core.EventStore;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token, userinfo, introspection and revocation endpoints with Nimbus oauth2-oidc-sdk as the relying
 * party: discovery, every grant the token endpoint has, and the attacks CONTRACT.md names.
 */
class TokenEndpointTest {
    private static TestServer server;
    private static OAuth2Fixture app;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        app = OAuth2Fixture.create(server, "wiki", Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TokenResponse token(TokenRequest request) throws Exception {
        return OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
    }

    private static JWTClaimsSet verifyWithJwks(String jwt) throws Exception {
        DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
        p.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
                JWKSourceBuilder.create(app.metadata().getJWKSetURI().toURL()).build()));
        p.setJWSTypeVerifier((header, ctx) -> { });
        return p.process(jwt, null);
    }

    /** A form POST as any client can send it (Nimbus will not build a client_credentials request without a secret). */
    private static HTTPResponse post(URI endpoint, String form) throws Exception {
        com.nimbusds.oauth2.sdk.http.HTTPRequest request = new com.nimbusds.oauth2.sdk.http.HTTPRequest(
                com.nimbusds.oauth2.sdk.http.HTTPRequest.Method.POST, endpoint);
        request.setContentType("application/x-www-form-urlencoded");
        request.setBody(form);
        return request.send();
    }

    private static ErrorObject error(TokenResponse r) {
        assertThat(r.indicatesSuccess()).as("expected an error").isFalse();
        return ((TokenErrorResponse) r).getErrorObject();
    }

    @Test
    void discoveryNamesTheEndpointsAndKeys() {
        assertThat(app.metadata().getIssuer().getValue()).isEqualTo(server.base() + "/application/o/wiki/");
        assertThat(app.metadata().getTokenEndpointURI().toString()).isEqualTo(server.base() + "/application/o/token/");
        assertThat(app.metadata().getScopes().toStringList()).contains("openid", "email", "profile", "offline_access");
        assertThat(app.metadata().getIDTokenJWSAlgs()).contains(JWSAlgorithm.RS256);
        assertThat(app.metadata().getCodeChallengeMethods()).contains(CodeChallengeMethod.S256);
    }

    @Test
    void clientCredentialsGivesTheServiceAccountASignedTokenThatUserinfoAndIntrospectionAccept() throws Exception {
        TokenResponse r = token(new TokenRequest(app.tokenEndpoint(), app.basic(), new ClientCredentialsGrant(),
                new Scope("openid", "profile")));
        assertThat(r.indicatesSuccess()).as(r.toString()).isTrue();
        AccessToken access = r.toSuccessResponse().getTokens().getAccessToken();
        assertThat(r.toSuccessResponse().getTokens().getRefreshToken()).isNull();
        JWTClaimsSet claims = verifyWithJwks(access.getValue());
        assertThat(claims.getIssuer()).isEqualTo(app.metadata().getIssuer().getValue());
        assertThat(claims.getAudience()).containsExactly(app.clientId());
        assertThat(claims.getStringClaim("azp")).isEqualTo(app.clientId());
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("ak-provider-wiki-client_credentials");
        assertThat(new UserStore(app.stores()).byUsername("ak-provider-wiki-client_credentials").orElseThrow().type().wire())
                .isEqualTo("service_account");

        UserInfoResponse info = UserInfoResponse.parse(new UserInfoRequest(app.metadata().getUserInfoEndpointURI(),
                (BearerAccessToken) access).toHTTPRequest().send());
        assertThat(info.indicatesSuccess()).isTrue();
        assertThat(info.toSuccessResponse().getUserInfo().getSubject().getValue()).isEqualTo(claims.getSubject());
        assertThat(info.toSuccessResponse().getUserInfo().getPreferredUsername())
                .isEqualTo("ak-provider-wiki-client_credentials");

        TokenIntrospectionResponse intro = TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                app.metadata().getIntrospectionEndpointURI(), app.basic(), access).toHTTPRequest().send());
        assertThat(intro.toSuccessResponse().isActive()).isTrue();
        assertThat(intro.toSuccessResponse().getClientID().getValue()).isEqualTo(app.clientId());

        HTTPResponse revoked = new TokenRevocationRequest(app.metadata().getRevocationEndpointURI(), app.basic(), access)
                .toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        assertThat(TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                app.metadata().getIntrospectionEndpointURI(), app.basic(), access).toHTTPRequest().send())
                .toSuccessResponse().isActive()).isFalse();
        HTTPResponse after = new UserInfoRequest(app.metadata().getUserInfoEndpointURI(), (BearerAccessToken) access)
                .toHTTPRequest().send();
        assertThat(after.getStatusCode()).isEqualTo(401);
        assertThat(after.getHeaderValue("WWW-Authenticate")).contains("invalid_token");
    }

    /** RFC 6749 §4.4: client_credentials is for confidential clients; a public client_id proves nothing. */
    @Test
    void aPublicClientIdAloneGetsNoClientCredentialsTokenAndCreatesNothing() throws Exception {
        OAuth2Fixture pub = OAuth2Fixture.create(server, "spa", Map.of("client_type", "public"));
        HTTPResponse r = post(pub.tokenEndpoint(), "grant_type=client_credentials&scope=openid&client_id=" + pub.clientId());

        assertThat(r.getStatusCode()).isEqualTo(400);
        assertThat(TokenErrorResponse.parse(r).getErrorObject().getCode()).isEqualTo("unauthorized_client");
        assertThat(new UserStore(pub.stores()).byUsername("ak-provider-spa-client_credentials")).as("no service account").isEmpty();
        assertThat(pub.issuedCount()).as("no token recorded").isZero();

        long bob = createUser(server, "bob-spa");
        String appPassword = createToken(server, "bob-spa-app-password", "app_password", bob);
        TokenResponse ok = OIDCTokenResponseParser.parse(post(pub.tokenEndpoint(), "grant_type=client_credentials&client_id="
                + pub.clientId() + "&username=bob-spa&password=" + appPassword));
        assertThat(ok.indicatesSuccess()).as("the app-password form still works for a public client: %s", ok).isTrue();
        assertThat(verifyWithJwks(ok.toSuccessResponse().getTokens().getAccessToken().getValue())
                .getStringClaim("preferred_username")).isEqualTo("bob-spa");
        assertThat(token(new TokenRequest(pub.tokenEndpoint(), new ClientID(pub.clientId()),
                new ResourceOwnerPasswordCredentialsGrant("bob-spa", new Secret(appPassword)), null)).indicatesSuccess())
                .as("and so does the password grant").isTrue();
        assertThat(new UserStore(pub.stores()).byUsername("ak-provider-spa-client_credentials")).isEmpty();
    }

    @Test
    void wrongSecretOrUnknownClientIsInvalidClientWith401() throws Exception {
        for (var auth : java.util.List.of(new ClientSecretBasic(new ClientID(app.clientId()), new Secret("wrong")),
                new ClientSecretPost(new ClientID("nobody"), new Secret("wrong")))) {
            HTTPResponse r = new TokenRequest(app.tokenEndpoint(), auth, new ClientCredentialsGrant(), null)
                    .toHTTPRequest().send();
            assertThat(r.getStatusCode()).isEqualTo(401);
            assertThat(r.getHeaderValue("WWW-Authenticate")).startsWith("Basic");
            assertThat(TokenErrorResponse.parse(r).getErrorObject().getCode()).isEqualTo("invalid_client");
        }
    }

    private static HTTPResponse clientCredentials(OAuth2Fixture client, String secret, String ip) throws Exception {
        com.nimbusds.oauth2.sdk.http.HTTPRequest request = new TokenRequest(client.tokenEndpoint(),
                new ClientSecretBasic(new ClientID(client.clientId()), new Secret(secret)), new ClientCredentialsGrant(),
                null).toHTTPRequest();
        request.setHeader("X-Forwarded-For", ip);
        return request.send();
    }

    /**
     * Failed client authentications are throttled per client_id and per address, like failed sign-ins: the throttled
     * answer is RFC 6749 §5.2 JSON ({@code invalid_client}) with 429 and Retry-After, and the secret is not even
     * checked; the same client from another address and other clients keep getting tokens.
     */
    @Test
    void failedClientAuthenticationIsThrottledPerClientAndPerAddressWithoutStoppingOthers() throws Exception {
        OAuth2Fixture target = OAuth2Fixture.create(server, "hammered", Map.of());
        OAuth2Fixture bystander = OAuth2Fixture.create(server, "bystander", Map.of());
        String attacker = "203.0.113.66";
        String elsewhere = "198.51.100.2";
        int failures = 0;
        HTTPResponse r;
        do {
            r = clientCredentials(target, "guess-" + failures, attacker);
            failures++;
        } while (r.getStatusCode() == 401 && failures < 100);
        assertThat(r.getStatusCode()).as("after %s failures", failures).isEqualTo(429);
        assertThat(failures - 1).isEqualTo((int) ClientAuthenticator.PER_CLIENT.capacity());
        assertThat(TokenErrorResponse.parse(r).getErrorObject().getCode()).isEqualTo("invalid_client");
        assertThat(Long.parseLong(r.getHeaderValue("Retry-After"))).isPositive();
        assertThat(clientCredentials(target, target.clientSecret(), attacker).getStatusCode())
                .as("the hammered client_id waits at that address, even with its right secret").isEqualTo(429);
        assertThat(clientCredentials(target, target.clientSecret(), elsewhere).getStatusCode())
                .as("one address cannot lock the client out elsewhere").isEqualTo(200);
        assertThat(clientCredentials(bystander, bystander.clientSecret(), elsewhere).getStatusCode())
                .as("another client").isEqualTo(200);
        assertThat(clientCredentials(bystander, bystander.clientSecret(), attacker).getStatusCode())
                .as("another client from the same address, under its limit").isEqualTo(200);

        int unknown = 0;
        do {
            com.nimbusds.oauth2.sdk.http.HTTPRequest request = new TokenRequest(target.tokenEndpoint(),
                    new ClientSecretPost(new ClientID("nobody-" + unknown), new Secret("x")), new ClientCredentialsGrant(),
                    null).toHTTPRequest();
            request.setHeader("X-Forwarded-For", attacker);
            r = request.send();
            unknown++;
        } while (r.getStatusCode() == 401 && unknown < 100);
        assertThat(r.getStatusCode()).as("the address ran out").isEqualTo(429);
        assertThat(clientCredentials(bystander, bystander.clientSecret(), attacker).getStatusCode())
                .as("nothing from the throttled address").isEqualTo(429);
        assertThat(clientCredentials(bystander, bystander.clientSecret(), elsewhere).getStatusCode())
                .as("the right client from another address").isEqualTo(200);
        assertThat(clientCredentials(bystander, "wrong", elsewhere).getStatusCode()).isEqualTo(401);
    }

    @Test
    void aChangedClientSecretOrADeletedApplicationTakesEffectOnTheNextRequest() throws Exception {
        OAuth2Fixture own = OAuth2Fixture.create(server, "rotating", Map.of());
        assertThat(token(new TokenRequest(own.tokenEndpoint(), own.basic(), new ClientCredentialsGrant(), null))
                .indicatesSuccess()).as("the provider and its application are read (and kept) once").isTrue();

        expect(server.send("PATCH", "/api/v3/providers/oauth2/" + own.providerPk() + "/", ADMIN,
                obj("client_secret", "rotated-secret-0123456789")), 200);
        assertThat(error(token(new TokenRequest(own.tokenEndpoint(), own.basic(), new ClientCredentialsGrant(), null)))
                .getCode()).as("the old secret, right after the change").isEqualTo("invalid_client");
        ClientSecretBasic rotated = new ClientSecretBasic(new ClientID(own.clientId()), new Secret("rotated-secret-0123456789"));
        assertThat(token(new TokenRequest(own.tokenEndpoint(), rotated, new ClientCredentialsGrant(), null))
                .indicatesSuccess()).isTrue();

        assertThat(server.send("DELETE", "/api/v3/core/applications/rotating/", ADMIN, null).statusCode()).isEqualTo(204);
        assertThat(error(token(new TokenRequest(own.tokenEndpoint(), rotated, new ClientCredentialsGrant(), null))).getCode())
                .as("no application any more").isNotNull();
    }

    @Test
    void authorizationCodeWithPkceGivesAnIdTokenThatNimbusValidates() throws Exception {
        long admin = app.userPk("akadmin");
        CodeVerifier verifier = new CodeVerifier();
        Nonce nonce = new Nonce();
        String code = app.issueCode(admin, "openid email profile offline_access", nonce.getValue(),
                CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue(), "S256", Instant.now().plusSeconds(60));
        TokenResponse r = token(new TokenRequest(app.tokenEndpoint(), app.basic(), new AuthorizationCodeGrant(
                new com.nimbusds.oauth2.sdk.AuthorizationCode(code), URI.create(OAuth2Fixture.REDIRECT), verifier)));
        assertThat(r.indicatesSuccess()).as(r.toString()).isTrue();
        OIDCTokenResponse ok = (OIDCTokenResponse) r.toSuccessResponse();
        IDTokenValidator validator = new IDTokenValidator(app.metadata().getIssuer(), new ClientID(app.clientId()),
                JWSAlgorithm.RS256, app.metadata().getJWKSetURI().toURL());
        IDTokenClaimsSet id = validator.validate(ok.getOIDCTokens().getIDToken(), nonce);
        assertThat(id.getStringClaim("email")).isEqualTo("admin@example.org");
        assertThat(id.getAccessTokenHash()).isNotNull();
        assertThat(id.getAuthenticationTime()).isNotNull();
        assertThat(id.getACR().getValue()).isEqualTo("goauthentik.io/providers/oauth2/default");
        assertThat(id.getAMR()).extracting(a -> a.getValue()).containsExactly("pwd");
        assertThat(id.getStringClaim("sid")).isNotBlank();
        assertThat(ok.getOIDCTokens().getRefreshToken()).isNotNull();

        // the same code again: refused, and the tokens it gave are revoked (RFC 6749 §4.1.2)
        TokenResponse again = token(new TokenRequest(app.tokenEndpoint(), app.basic(), new AuthorizationCodeGrant(
                new com.nimbusds.oauth2.sdk.AuthorizationCode(code), URI.create(OAuth2Fixture.REDIRECT), verifier)));
        assertThat(error(again).getCode()).isEqualTo("invalid_grant");
        assertThat(TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                app.metadata().getIntrospectionEndpointURI(), app.basic(), ok.getOIDCTokens().getAccessToken())
                .toHTTPRequest().send()).toSuccessResponse().isActive()).isFalse();
        assertThat(new EventStore(app.stores()).list(new PageRequest(1, 10, null, null,
                Map.of("action", "suspicious_request"))).results()).isNotEmpty();
    }

    @Test
    void pkceMissingWrongOrDowngradedAndExpiredOrForeignRedirectCodesAreInvalidGrant() throws Exception {
        long admin = app.userPk("akadmin");
        CodeVerifier verifier = new CodeVerifier();
        String challenge = CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
        Instant soon = Instant.now().plusSeconds(60);
        URI redirect = URI.create(OAuth2Fixture.REDIRECT);
        Map<String, AuthorizationCodeGrant> cases = Map.of(
                "missing verifier", new AuthorizationCodeGrant(code(admin, challenge, "S256", soon), redirect, null),
                "wrong verifier", new AuthorizationCodeGrant(code(admin, challenge, "S256", soon), redirect, new CodeVerifier()),
                "downgrade", new AuthorizationCodeGrant(code(admin, null, null, soon), redirect, verifier),
                "expired", new AuthorizationCodeGrant(code(admin, null, null, Instant.now().minusSeconds(1)), redirect, null),
                "other redirect", new AuthorizationCodeGrant(code(admin, null, null, soon),
                        URI.create("https://rp.example.org/other"), null),
                "unknown", new AuthorizationCodeGrant(new com.nimbusds.oauth2.sdk.AuthorizationCode("nope"), redirect, null));
        for (var c : cases.entrySet()) {
            assertThat(error(token(new TokenRequest(app.tokenEndpoint(), app.basic(), c.getValue()))).getCode())
                    .as(c.getKey()).isEqualTo("invalid_grant");
        }
    }

    private static com.nimbusds.oauth2.sdk.AuthorizationCode code(long user, String challenge, String method,
                                                                  Instant expires) {
        return new com.nimbusds.oauth2.sdk.AuthorizationCode(app.issueCode(user, "openid", null, challenge, method, expires));
    }

    @Test
    void refreshRotatesAndReuseRevokesTheFamily() throws Exception {
        String code = app.issueCode(app.userPk("akadmin"), "openid offline_access", null, null, null,
                Instant.now().plusSeconds(60));
        OIDCTokenResponse first = (OIDCTokenResponse) token(new TokenRequest(app.tokenEndpoint(), app.basic(),
                new AuthorizationCodeGrant(new com.nimbusds.oauth2.sdk.AuthorizationCode(code),
                        URI.create(OAuth2Fixture.REDIRECT)))).toSuccessResponse();
        RefreshToken r1 = first.getOIDCTokens().getRefreshToken();
        TokenResponse second = token(new TokenRequest(app.tokenEndpoint(), app.basic(), new RefreshTokenGrant(r1)));
        assertThat(second.indicatesSuccess()).as(second.toString()).isTrue();
        RefreshToken r2 = second.toSuccessResponse().getTokens().getRefreshToken();
        assertThat(r2.getValue()).isNotEqualTo(r1.getValue());
        AccessToken a2 = second.toSuccessResponse().getTokens().getAccessToken();

        assertThat(error(token(new TokenRequest(app.tokenEndpoint(), app.basic(), new RefreshTokenGrant(r1)))).getCode())
                .isEqualTo("invalid_grant");
        assertThat(error(token(new TokenRequest(app.tokenEndpoint(), app.basic(), new RefreshTokenGrant(r2)))).getCode())
                .as("the reuse revoked the newer refresh token too").isEqualTo("invalid_grant");
        assertThat(TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(
                app.metadata().getIntrospectionEndpointURI(), app.basic(), a2).toHTTPRequest().send())
                .toSuccessResponse().isActive()).isFalse();
    }

    @Test
    void passwordGrantTakesAnAppPasswordNeverTheAccountPassword() throws Exception {
        long alice = createUser(server, "alice-app");
        String appPassword = createToken(server, "alice-app-password", "app_password", alice);
        TokenResponse ok = token(new TokenRequest(app.tokenEndpoint(), app.basic(),
                new ResourceOwnerPasswordCredentialsGrant("alice-app", new Secret(appPassword)), new Scope("openid")));
        assertThat(ok.indicatesSuccess()).as(ok.toString()).isTrue();
        assertThat(verifyWithJwks(ok.toSuccessResponse().getTokens().getAccessToken().getValue())
                .getStringClaim("uid")).isNotBlank();
        assertThat(error(token(new TokenRequest(app.tokenEndpoint(), app.basic(),
                new ResourceOwnerPasswordCredentialsGrant("akadmin", new Secret(TestServer.ADMIN_PASSWORD))))).getCode())
                .isEqualTo("invalid_grant");
        assertThat(error(token(new TokenRequest(app.tokenEndpoint(), app.basic(),
                new ResourceOwnerPasswordCredentialsGrant("akadmin", new Secret(appPassword))))).getCode())
                .as("another user's app password").isEqualTo("invalid_grant");
    }

    @Test
    void forgedTokensAreRefusedAtUserinfo() throws Exception {
        TokenResponse r = token(new TokenRequest(app.tokenEndpoint(), app.basic(), new ClientCredentialsGrant(),
                new Scope("openid")));
        String real = r.toSuccessResponse().getTokens().getAccessToken().getValue();
        String[] parts = real.split("\\.");
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "." + parts[1] + ".";
        // HS256 "signed" with the provider's public key material (the classic RS/HS confusion)
        String hsHeader = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(app.metadata().getJWKSetURI().toString().repeat(4).getBytes(), "HmacSHA256"));
        String hs = hsHeader + "." + parts[1] + "." + b64.encodeToString(mac.doFinal((hsHeader + "." + parts[1]).getBytes()));
        for (String forged : java.util.List.of(none, hs, parts[0] + "." + parts[1] + ".AAAA")) {
            HTTPResponse resp = new UserInfoRequest(app.metadata().getUserInfoEndpointURI(), new BearerAccessToken(forged))
                    .toHTTPRequest().send();
            assertThat(resp.getStatusCode()).isEqualTo(401);
        }
    }
}
