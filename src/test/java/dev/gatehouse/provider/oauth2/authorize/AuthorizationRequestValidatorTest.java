package dev.gatehouse.provider.oauth2.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.ApplicationChanges;
import dev.gatehouse.core.ApplicationService;
import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.OAuth2ProviderChanges;
import dev.gatehouse.provider.oauth2.OAuth2ProviderService;
import dev.gatehouse.provider.oauth2.RedirectUri;
import dev.gatehouse.provider.oauth2.authorize.AuthorizationRequestValidator.Result;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The request checks one by one: what is refused (a page), what goes back to the client, what is granted. */
class AuthorizationRequestValidatorTest {
    private static final String CB = "https://app.example/cb";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final String BASE = "https://idp.example";
    private static Database db;
    private static AuthorizationRequestValidator validator;
    private static OAuth2Provider confidential;

    @BeforeAll
    static void open() {
        db = TestDatabases.open("h2");
        new Bootstrap(db, new PasswordHasher(), new PrivateKeyCipher("test-secret-key"))
                .run(Optional.empty(), Optional.empty(), Optional.empty());
        confidential = provider("web", "confidential", List.of(new RedirectUri("strict", CB, "authorization"),
                new RedirectUri("strict", "https://app.example/logout", "logout")));
        validator = new AuthorizationRequestValidator(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static OAuth2Provider provider(String name, String type, List<RedirectUri> uris) {
        var flow = new FlowStore(db.dsl()).bySlug(DefaultFlows.IMPLICIT_CONSENT).orElseThrow().pk();
        OAuth2Provider p = new OAuth2ProviderService(db).create(Actor.SYSTEM, new OAuth2ProviderChanges(name, flow,
                null, null, type, "client-" + name, null, uris, null, null, null, null, null, null, null, null));
        new ApplicationService(db).create(Actor.SYSTEM, new ApplicationChanges(name, name, Optional.of(p.pk()), null,
                null, null, null, null, null, null));
        return p;
    }

    private static Result validate(String query) {
        return validator.validate(URLUtils.parseParameters(query), BASE);
    }

    private static String base() {
        return "response_type=code&client_id=client-web&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=xyz";
    }

    private static String error(Result r) throws Exception {
        assertThat(r).isInstanceOf(Result.Rejected.class);
        ClientResponse response = ((Result.Rejected) r).response();
        AuthorizationResponse parsed = response.formPost()
                ? AuthorizationResponse.parse(response.redirectUri(), URLUtils.parseParameters(
                        URLUtils.serializeParameters(response.response().toParameters())))
                : AuthorizationResponse.parse(response.location());
        assertThat(parsed.getState().getValue()).isEqualTo("xyz");
        assertThat(parsed.getIssuer().getValue()).as("RFC 9207 iss").matches(BASE + "/application/o/[a-z-]+/");
        return parsed.toErrorResponse().getErrorObject().getCode();
    }

    private static AuthorizationParams valid(Result r) {
        assertThat(r).isInstanceOf(Result.Valid.class);
        return ((Result.Valid) r).params();
    }

    @Test
    void untrustedRequestsAreRefusedNotRedirected() {
        assertThat(validate("response_type=code")).isInstanceOf(Result.Refused.class);
        assertThat(validate(base() + "&client_id=client-web")).as("client_id twice").isInstanceOf(Result.Refused.class);
        assertThat(validate(base() + "&redirect_uri=https%3A%2F%2Fapp.example%2Fcb"))
                .as("redirect_uri twice").isInstanceOf(Result.Refused.class);
        assertThat(validate(base().replace("%2Fcb", "%2Flogout"))).as("a logout URI").isInstanceOf(Result.Refused.class);
        assertThat(validate(base().replace("%2Fcb", "%2Fcb%23frag"))).as("fragment").isInstanceOf(Result.Refused.class);
        assertThat(validate(base().replace("%2Fcb", "%2FCB"))).as("case matters").isInstanceOf(Result.Refused.class);
    }

    @Test
    void afterTrustErrorsGoToTheClientInTheRequestedMode() throws Exception {
        assertThat(error(validate(base() + "&scope=a&scope=b"))).isEqualTo("invalid_request");
        assertThat(error(validate(base() + "&request=eyJhbGciOiJub25lIn0.e30."))).isEqualTo("request_not_supported");
        assertThat(error(validate(base() + "&request_uri=https%3A%2F%2Fx"))).isEqualTo("request_uri_not_supported");
        assertThat(error(validate(base().replace("response_type=code&", "")))).isEqualTo("invalid_request");
        assertThat(error(validate(base().replace("response_type=code", "response_type=token"))))
                .as("a bare token is not served, as in authentik").isEqualTo("unsupported_response_type");
        assertThat(error(validate(base() + "&response_mode=query.jwt"))).isEqualTo("invalid_request");
        assertThat(error(validate(base() + "&max_age=-1"))).isEqualTo("invalid_request");
        assertThat(error(validate(base() + "&max_age=soon"))).isEqualTo("invalid_request");
        assertThat(error(validate(base() + "&scope=openid&prompt=none+login"))).isEqualTo("invalid_request");
        assertThat(error(validate(base() + "&code_challenge=short"))).isEqualTo("invalid_request");
        assertThat(error(validate(base() + "&code_challenge_method=S256"))).isEqualTo("invalid_request");
        assertThat(error(validate(base() + "&nonce=" + "n".repeat(1025)))).isEqualTo("invalid_request");
        Result rejected = validate(base() + "&max_age=-1");
        assertThat(AuthorizationResponse.parse(((Result.Rejected) rejected).response().location()).getIssuer().getValue())
                .as("RFC 9207 iss: the issuer of this client's provider").isEqualTo(BASE + "/application/o/web/");
        Result formPost = validate(base() + "&response_mode=form_post&max_age=x");
        assertThat(((Result.Rejected) formPost).response().formPost()).isTrue();
        assertThat(error(formPost)).isEqualTo("invalid_request");
        Result hybrid = validate(base().replace("response_type=code", "response_type=code+id_token"));
        assertThat(((Result.Rejected) hybrid).response().location().getRawFragment()).contains("error=");
    }

    private static String implicit(String responseType) {
        return base().replace("response_type=code", "response_type=" + responseType.replace(' ', '+'));
    }

    @Test
    void implicitAndHybridTypesAreValidWithOpenidAndANonceAndDefaultToTheFragment() {
        Map<String, List<Boolean>> issues = Map.of("id_token", List.of(false, false, true),
                "id_token token", List.of(false, true, true), "code id_token", List.of(true, false, true),
                "code token", List.of(true, true, false), "code id_token token", List.of(true, true, true));
        issues.forEach((type, what) -> {
            AuthorizationParams p = valid(validate(implicit(type) + "&scope=openid+email&nonce=n-1"));
            assertThat(p.responseType().toString()).isEqualTo(type);
            assertThat(p.responseMode()).as(type).isEqualTo(ResponseMode.FRAGMENT);
            assertThat(List.of(p.issuesCode(), p.issuesAccessToken(), p.issuesIdToken())).as(type).isEqualTo(what);
            assertThat(p.issuer()).isEqualTo(BASE + "/application/o/web/");
            assertThat(p.nonce()).isEqualTo("n-1");
            assertThat(valid(validate(implicit(type) + "&scope=openid&nonce=n&response_mode=form_post")).responseMode())
                    .isEqualTo(ResponseMode.FORM_POST);
        });
        assertThat(valid(validate(implicit("token id_token") + "&scope=openid&nonce=n")).issuesIdToken())
                .as("the order of the values does not matter").isTrue();
        assertThat(valid(validate(implicit("code token") + "&scope=openid")).nonce())
                .as("no id_token from this endpoint: no nonce needed").isNull();
    }

    @Test
    void implicitAndHybridRequestsWithoutOpenidOrNonceOrInTheQueryAreRejectedInTheFragment() throws Exception {
        for (String type : List.of("id_token", "id_token token", "code id_token", "code token", "code id_token token")) {
            Result noOpenid = validate(implicit(type) + "&scope=email&nonce=n");
            assertThat(error(noOpenid)).as(type).isEqualTo("invalid_scope");
            assertThat(((Result.Rejected) noOpenid).response().location().getRawFragment()).contains("error=");

            Result query = validate(implicit(type) + "&scope=openid&nonce=n&response_mode=query");
            assertThat(error(query)).as(type).isEqualTo("invalid_request");
            ClientResponse refused = ((Result.Rejected) query).response();
            assertThat(refused.location().getRawQuery()).as("never the query").isNull();
            assertThat(refused.location().getRawFragment()).contains("error=invalid_request");
        }
        for (String type : List.of("id_token", "id_token token", "code id_token", "code id_token token")) {
            assertThat(error(validate(implicit(type) + "&scope=openid"))).as(type).isEqualTo("invalid_request");
            Result formPost = validate(implicit(type) + "&scope=openid&response_mode=form_post");
            assertThat(((Result.Rejected) formPost).response().formPost()).isTrue();
            assertThat(error(formPost)).isEqualTo("invalid_request");
        }
    }

    @Test
    void publicClientsMayUseImplicitButNeedPkceWheneverACodeIsIssued() throws Exception {
        provider("spa-implicit", "public", List.of(new RedirectUri("strict", CB, "authorization")));
        String spa = base().replace("client-web", "client-spa-implicit") + "&scope=openid&nonce=n";
        assertThat(valid(validate(spa.replace("response_type=code", "response_type=id_token+token"))).codeChallenge())
                .isNull();
        for (String hybrid : List.of("code+id_token", "code+token", "code+id_token+token")) {
            Result r = validator.validate(URLUtils.parseParameters(spa.replace("response_type=code",
                    "response_type=" + hybrid)), BASE);
            assertThat(r).isInstanceOf(Result.Rejected.class);
            assertThat(AuthorizationResponse.parse(((Result.Rejected) r).response().location()).toErrorResponse()
                    .getErrorObject().getCode()).isEqualTo("invalid_request");
            assertThat(valid(validate(spa.replace("response_type=code", "response_type=" + hybrid)
                    + "&code_challenge=" + CHALLENGE + "&code_challenge_method=S256")).codeChallenge()).isEqualTo(CHALLENGE);
        }
    }

    @Test
    void grantedScopesAreTheRequestedOnesTheProviderOffersWithTheirConsentTexts() {
        AuthorizationParams p = valid(validate(base() + "&scope=profile+openid+unknown+email+profile&nonce=n-1"
                + "&code_challenge=" + CHALLENGE + "&code_challenge_method=S256&prompt=consent&max_age=60"
                + "&login_hint=alice&response_mode=fragment"));
        assertThat(p.scope()).containsExactly("profile", "openid", "email");
        assertThat(p.permissions()).containsExactly(Map.entry("profile", "General Profile Information"),
                Map.entry("email", "Email address"));
        assertThat(p.nonce()).isEqualTo("n-1");
        assertThat(p.codeChallengeMethod()).isEqualTo("S256");
        assertThat(p.prompt()).containsExactly("consent");
        assertThat(p.maxAge()).isEqualTo(60);
        assertThat(p.loginHint()).isEqualTo("alice");
        assertThat(p.responseMode()).isEqualTo(ResponseMode.FRAGMENT);
        assertThat(p.redirectUri()).isEqualTo(URI.create(CB));
        assertThat(valid(validate(base() + "&code_challenge=" + CHALLENGE)).codeChallengeMethod()).isEqualTo("plain");
        assertThat(valid(validate(base())).scope()).isEmpty();
    }

    @Test
    void publicClientsNeedPkce() throws Exception {
        provider("spa", "public", List.of(new RedirectUri("strict", CB, "authorization")));
        String spa = base().replace("client-web", "client-spa");
        assertThat(error(validate(spa))).isEqualTo("invalid_request");
        assertThat(valid(validate(spa + "&code_challenge=" + CHALLENGE + "&code_challenge_method=S256"))
                .codeChallenge()).isEqualTo(CHALLENGE);
    }

    @Test
    void reauthMarkerIsBoundToClientAndTimeAndCannotBeForged() {
        ReauthMarker marker = new ReauthMarker("secret");
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        String value = marker.issue("client-a", now);
        assertThat(marker.sentAt("client-a", value, now.plusSeconds(5))).contains(now);
        assertThat(marker.sentAt("client-b", value, now)).isEmpty();
        assertThat(new ReauthMarker("other").sentAt("client-a", value, now)).isEmpty();
        assertThat(marker.sentAt("client-a", value, now.plus(ReauthMarker.VALIDITY).plus(Duration.ofSeconds(1)))).isEmpty();
        assertThat(marker.sentAt("client-a", "1767261600000.forged", now)).isEmpty();
        assertThat(marker.sentAt("client-a", "garbage", now)).isEmpty();
    }
}
