package dev.gatehouse.provider.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the implicit and hybrid flows issue, used as a relying party and a resource server would (Nimbus): an
 * access token from the authorization endpoint is recorded like the token endpoint's (userinfo, introspection,
 * revocation know it), and a hybrid code is redeemed as usual, its reuse revoking everything of the
 * authorization. On H2 and PostgreSQL.
 */
class ImplicitHybridTokensTest {
    private static TestServer h2;
    private static TestServer postgres;
    private static OAuth2Fixture h2App;
    private static OAuth2Fixture postgresApp;

    @BeforeAll
    static void start() {
        h2 = TestServer.start();
        postgres = TestServer.startOnPostgres();
        h2App = OAuth2Fixture.create(h2, "mail", Map.of());
        postgresApp = OAuth2Fixture.create(postgres, "mail", Map.of());
    }

    @AfterAll
    static void stop() {
        h2.close();
        postgres.close();
    }

    private static OAuth2Fixture app(String kind) {
        return kind.equals("h2") ? h2App : postgresApp;
    }

    private static AuthenticationSuccessResponse authorize(OAuth2Fixture app, ResponseType type, Nonce nonce,
                                                           String... scopes) throws Exception {
        AuthenticationRequest request = new AuthenticationRequest.Builder(type, new Scope(scopes),
                new ClientID(app.clientId()), URI.create(OAuth2Fixture.REDIRECT))
                .endpointURI(URI.create(OAuth2Fixture.AUTHORIZE)).state(new State()).nonce(nonce).build();
        try (FlowClient browser = OAuth2Fixture.signedIn(app.server())) {
            OAuth2Fixture.Answer answer = app.authorize(browser, request);
            assertThat(answer.response().indicatesSuccess()).as("%s", answer.parameters()).isTrue();
            return answer.response().toSuccessResponse();
        }
    }

    private static TokenIntrospectionSuccessResponse introspect(OAuth2Fixture app, AccessToken token) throws Exception {
        return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(app.metadata().getIntrospectionEndpointURI(),
                app.basic(), token).toHTTPRequest().send()).toSuccessResponse();
    }

    private static HTTPResponse userinfo(OAuth2Fixture app, AccessToken token) throws Exception {
        return new UserInfoRequest(app.metadata().getUserInfoEndpointURI(), (BearerAccessToken) token).toHTTPRequest()
                .send();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void anImplicitAccessTokenWorksAtUserinfoAndIntrospectionUntilRevoked(String kind) throws Exception {
        OAuth2Fixture app = app(kind);
        Nonce nonce = new Nonce();
        AuthenticationSuccessResponse ok = authorize(app, ResponseType.IDTOKEN_TOKEN, nonce, "openid", "email", "profile");
        IDTokenClaimsSet id = app.validIdToken(ok.getIDToken(), nonce);
        AccessToken access = ok.getAccessToken();

        UserInfoResponse info = UserInfoResponse.parse(userinfo(app, access));
        assertThat(info.indicatesSuccess()).as("%s", info).isTrue();
        assertThat(info.toSuccessResponse().getUserInfo().getSubject()).isEqualTo(id.getSubject());
        assertThat(info.toSuccessResponse().getUserInfo().getEmailAddress()).isEqualTo("admin@example.org");

        TokenIntrospectionSuccessResponse active = introspect(app, access);
        assertThat(active.isActive()).isTrue();
        assertThat(active.getClientID().getValue()).isEqualTo(app.clientId());
        assertThat(active.getSubject()).isEqualTo(id.getSubject());
        assertThat(active.getScope().toStringList()).containsExactlyInAnyOrder("openid", "email", "profile");

        HTTPResponse revoked = new TokenRevocationRequest(app.metadata().getRevocationEndpointURI(), app.basic(), access)
                .toHTTPRequest().send();
        assertThat(revoked.getStatusCode()).isEqualTo(200);
        assertThat(introspect(app, access).isActive()).isFalse();
        HTTPResponse after = userinfo(app, access);
        assertThat(after.getStatusCode()).isEqualTo(401);
        assertThat(after.getHeaderValue("WWW-Authenticate")).contains("invalid_token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aHybridCodeIsRedeemedForTheSameSubjectAndNonceAndItsReuseRevokesTheWholeAuthorization(String kind)
            throws Exception {
        OAuth2Fixture app = app(kind);
        Nonce nonce = new Nonce();
        AuthenticationSuccessResponse front = authorize(app, ResponseType.CODE_IDTOKEN_TOKEN, nonce, "openid", "email",
                "offline_access");
        IDTokenClaimsSet frontId = app.validIdToken(front.getIDToken(), nonce);

        TokenRequest redeem = new TokenRequest(app.tokenEndpoint(), app.basic(),
                new AuthorizationCodeGrant(front.getAuthorizationCode(), URI.create(OAuth2Fixture.REDIRECT)));
        TokenResponse r = OIDCTokenResponseParser.parse(redeem.toHTTPRequest().send());
        assertThat(r.indicatesSuccess()).as("%s", r).isTrue();
        OIDCTokenResponse back = (OIDCTokenResponse) r.toSuccessResponse();
        IDTokenClaimsSet backId = app.validIdToken(back.getOIDCTokens().getIDToken(), nonce);
        assertThat(backId.getSubject()).as("OIDC Core §3.3.3.6").isEqualTo(frontId.getSubject());
        assertThat(backId.getIssuer()).isEqualTo(frontId.getIssuer());
        assertThat(backId.getNonce()).isEqualTo(nonce);
        assertThat(backId.getAuthenticationTime()).isEqualTo(frontId.getAuthenticationTime());
        assertThat(back.getOIDCTokens().getRefreshToken()).as("the token endpoint's offline_access").isNotNull();
        assertThat(introspect(app, front.getAccessToken()).isActive()).isTrue();
        assertThat(introspect(app, back.getOIDCTokens().getAccessToken()).isActive()).isTrue();

        TokenResponse again = OIDCTokenResponseParser.parse(redeem.toHTTPRequest().send());
        assertThat(again.indicatesSuccess()).isFalse();
        assertThat(((TokenErrorResponse) again).getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(introspect(app, front.getAccessToken()).isActive()).as("the front-channel token too").isFalse();
        assertThat(introspect(app, back.getOIDCTokens().getAccessToken()).isActive()).isFalse();
        assertThat(userinfo(app, front.getAccessToken()).getStatusCode()).isEqualTo(401);
    }

    /**
     * OIDC Core §5.4: with {@code response_type=id_token} no access token is issued, so the granted scopes' claims go
     * in the id_token even when the provider keeps them out otherwise; with an access token they stay at userinfo.
     */
    @Test
    void anIdTokenWithoutAnAccessTokenCarriesTheScopeClaimsEvenWhenIncludeClaimsIsOff() throws Exception {
        OAuth2Fixture lean = OAuth2Fixture.create(h2, "lean", Map.of("include_claims_in_id_token", false));
        Nonce nonce = new Nonce();
        IDTokenClaimsSet alone = lean.validIdToken(authorize(lean, ResponseType.IDTOKEN, nonce, "openid", "email",
                "profile").getIDToken(), nonce);
        assertThat(alone.getStringClaim("email")).isEqualTo("admin@example.org");
        assertThat(alone.getStringClaim("preferred_username")).isEqualTo("akadmin");

        Nonce other = new Nonce();
        IDTokenClaimsSet withAccess = lean.validIdToken(authorize(lean, ResponseType.IDTOKEN_TOKEN, other, "openid",
                "email", "profile").getIDToken(), other);
        assertThat(withAccess.getClaim("email")).as("claims at userinfo, as configured").isNull();
        Nonce hybrid = new Nonce();
        assertThat(lean.validIdToken(authorize(lean, ResponseType.CODE_IDTOKEN, hybrid, "openid", "email")
                .getIDToken(), hybrid).getClaim("email")).as("the code brings an access token").isNull();
    }
}
