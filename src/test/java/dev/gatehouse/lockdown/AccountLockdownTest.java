package dev.gatehouse.lockdown;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.device.DeviceCode;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.device.DeviceAuthorization;
import dev.gatehouse.provider.oauth2.device.OAuth2DeviceStore;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.provider.proxy.ProxySessionStore;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * One lockdown ends every credential a user holds, on H2 and on PostgreSQL: a browser session, a proxy session
 * hanging off it, an API token, an app password, an OAuth access token (introspection {@code active: false},
 * userinfo 401) and refresh token, an approved device code, and a parked {@code ?flow_token=} link; the event
 * records the reason. Each credential is shown working first. With the switches off, what is kept is still refused
 * on use for a deactivated user (introspection too). On PostgreSQL a second server sharing the database drops the
 * session it had cached at once.
 */
class AccountLockdownTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static TestServer start(String kind) {
        return "postgres".equals(kind) ? TestServer.startOnPostgres() : TestServer.start();
    }

    /** An OAuth2 provider with an application, discovered as a relying party sees it. */
    private record Rp(long provider, ClientSecretBasic client, OIDCProviderMetadata metadata) {
        static final String REDIRECT = "https://rp.example.org/cb";

        static Rp create(TestServer server) throws Exception {
            String flow = expect(server.get("/api/v3/flows/instances/default-provider-authorization-implicit-consent/",
                    ADMIN), 200).get("pk").asString();
            JsonNode p = expect(server.send("POST", "/api/v3/providers/oauth2/", ADMIN, obj("name", "lockdown-rp",
                    "authorization_flow", flow, "redirect_uris",
                    List.of(Map.of("matching_mode", "strict", "url", REDIRECT)))), 201);
            expect(server.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", "Lockdown RP",
                    "slug", "lockdown-rp", "provider", p.get("pk").asLong())), 201);
            return new Rp(p.get("pk").asLong(), new ClientSecretBasic(new ClientID(p.get("client_id").asString()),
                    new Secret(p.get("client_secret").asString())),
                    OIDCProviderMetadata.resolve(new Issuer(server.base() + "/application/o/lockdown-rp/")));
        }

        TokenResponse token(com.nimbusds.oauth2.sdk.AuthorizationGrant grant, Scope scope) throws Exception {
            return OIDCTokenResponseParser.parse(new TokenRequest(metadata.getTokenEndpointURI(), client, grant, scope)
                    .toHTTPRequest().send());
        }

        /** An authorization code as the authorize endpoint stores it, for this browser session. */
        String issueCode(TestServer server, long user, String sessionHash) {
            String code = Secrets.randomKey(64);
            new OAuth2GrantStore(server.gatehouse().database().dsl()).insert(
                    new dev.gatehouse.provider.oauth2.token.AuthorizationCode(Secrets.sha256Hex(code), UUID.randomUUID(),
                            provider, user, REDIRECT, "openid offline_access", null, null, null,
                            Instant.now().minusSeconds(5), sessionHash, "pwd", Instant.now().plusSeconds(60), false));
            return code;
        }

        boolean introspectsActive(AccessToken token) throws Exception {
            return TokenIntrospectionResponse.parse(new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(),
                    client, token).toHTTPRequest().send()).toSuccessResponse().isActive();
        }

        int userinfo(AccessToken token) throws Exception {
            return new UserInfoRequest(metadata.getUserInfoEndpointURI(), (BearerAccessToken) token).toHTTPRequest()
                    .send().getStatusCode();
        }
    }

    private static ErrorObject error(TokenResponse r) {
        assertThat(r.indicatesSuccess()).as("expected an error: %s", r).isFalse();
        return ((TokenErrorResponse) r).getErrorObject();
    }

    /** A recovery flow on the default brand, so {@code recovery/} answers parked {@code ?flow_token=} links. */
    private static void recoveryFlow(TestServer server) {
        String flow = expect(server.send("POST", "/api/v3/flows/instances/", ADMIN, obj("name", "Recovery",
                "slug", "lockdown-recovery", "title", "Recovery", "designation", "recovery")), 201).get("pk").asString();
        JsonNode brand = expect(server.get("/api/v3/core/brands/?default=true", ADMIN), 200).get("results").get(0);
        expect(server.send("PATCH", "/api/v3/core/brands/" + brand.get("brand_uuid").asString() + "/", ADMIN,
                obj("flow_recovery", flow)), 200);
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.testing.TestDatabases#kinds")
    void lockdownEndsEveryCredentialTheUserHoldsAndRecordsTheEvent(String kind) throws Exception {
        try (TestServer server = start(kind)) {
            Rp rp = Rp.create(server);
            recoveryFlow(server);
            long pk = createUser(server, "mallory-victim");
            User user = new UserStore(server.gatehouse().database().dsl()).byPk(pk).orElseThrow();
            SessionService.Issued browser = server.gatehouse().sessions().login(user, "192.0.2.7", "browser",
                    Duration.ofHours(1));
            String proxyKey = Secrets.randomKey(43);
            Instant now = Instant.now();
            server.gatehouse().database().txRun(dsl -> new ProxySessionStore(dsl).insert(Secrets.sha256Hex(proxyKey),
                    rp.provider(), pk, browser.session().uuid(), UUID.randomUUID(), "openid", now, "pwd", now,
                    now.plus(Duration.ofHours(1))));
            String apiKey = createToken(server, "victim-api", "api", pk);
            String appPassword = createToken(server, "victim-app", "app_password", pk);
            assertThat(rp.token(new ResourceOwnerPasswordCredentialsGrant("mallory-victim", new Secret(appPassword)),
                    new Scope("openid")).indicatesSuccess()).as("the app password works").isTrue();
            String exchanged = rp.issueCode(server, pk, browser.session().keyHash());
            String pending = rp.issueCode(server, pk, browser.session().keyHash());
            TokenResponse issued = rp.token(new AuthorizationCodeGrant(new AuthorizationCode(exchanged),
                    URI.create(Rp.REDIRECT)), null);
            assertThat(issued.indicatesSuccess()).as(issued.toString()).isTrue();
            AccessToken access = issued.toSuccessResponse().getTokens().getAccessToken();
            RefreshToken refresh = issued.toSuccessResponse().getTokens().getRefreshToken();
            assertThat(refresh).as("offline_access gives a refresh token").isNotNull();
            String deviceCode = Secrets.randomKey(43);
            assertThat(new OAuth2DeviceStore(server.gatehouse().database().dsl()).insert(new DeviceAuthorization(
                    Secrets.sha256Hex(deviceCode), Secrets.sha256Hex("WDJB-MJHT"), UUID.randomUUID(), rp.provider(),
                    "openid", DeviceAuthorization.Status.APPROVED, pk, now, null, "pwd", Duration.ofSeconds(5),
                    now.minusSeconds(1), now.plus(Duration.ofMinutes(10))))).isTrue();
            String used = expect(server.send("POST", "/api/v3/core/users/" + pk + "/recovery/", ADMIN, null), 200)
                    .get("link").asString();
            String parked = expect(server.send("POST", "/api/v3/core/users/" + pk + "/recovery/", ADMIN, null), 200)
                    .get("link").asString();
            assertThat(parked).contains("?flow_token=");

            assertThat(server.gatehouse().sessions().resolve(browser.key())).isPresent();
            assertThat(new ProxySessionStore(server.gatehouse().database().dsl()).byKeyHash(Secrets.sha256Hex(proxyKey)))
                    .isPresent();
            expect(server.get("/api/v3/core/users/me/", apiKey), 200);
            assertThat(rp.introspectsActive(access)).isTrue();
            assertThat(rp.userinfo(access)).isEqualTo(200);
            assertThat(status(used)).as("a parked link works before").isNotEqualTo(410);

            AccountLockdown.Result result = new AccountLockdown(server.gatehouse().database())
                    .lock(Actor.SYSTEM, pk, "credential stuffing");

            assertThat(result.user().isActive()).isFalse();
            assertThat(result.user().hasUsablePassword()).isFalse();
            assertThat(server.gatehouse().sessions().resolve(browser.key())).as("browser session").isEmpty();
            assertThat(new ProxySessionStore(server.gatehouse().database().dsl()).byKeyHash(Secrets.sha256Hex(proxyKey)))
                    .as("proxy session").isEmpty();
            assertThat(server.get("/api/v3/core/users/me/", apiKey).statusCode()).as("API token").isEqualTo(401);
            assertThat(error(rp.token(new ResourceOwnerPasswordCredentialsGrant("mallory-victim",
                    new Secret(appPassword)), new Scope("openid"))).getCode()).as("app password")
                    .isEqualTo("invalid_grant");
            assertThat(rp.introspectsActive(access)).as("access token at introspection").isFalse();
            assertThat(rp.userinfo(access)).as("access token at userinfo").isEqualTo(401);
            assertThat(error(rp.token(new RefreshTokenGrant(refresh), null)).getCode()).as("refresh token")
                    .isEqualTo("invalid_grant");
            assertThat(error(rp.token(new AuthorizationCodeGrant(new AuthorizationCode(pending),
                    URI.create(Rp.REDIRECT)), null)).getCode()).as("authorization code not yet exchanged")
                    .isEqualTo("invalid_grant");
            assertThat(error(rp.token(new DeviceCodeGrant(new DeviceCode(deviceCode)), null)).getCode())
                    .as("approved device code").isEqualTo("access_denied");
            assertThat(status(parked)).as("parked flow link").isEqualTo(410);
            assertThat(result.sessions()).isEqualTo(1);
            assertThat(result.flowPlans()).as("the parked link, and the flow the used link left in progress").isEqualTo(2);
            assertThat(result.tokens()).isEqualTo(2);
            JsonNode events = expect(server.get("/api/v3/events/events/?action=account_lockdown_triggered", ADMIN), 200)
                    .get("results");
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("context").get("reason").asString()).isEqualTo("credential stuffing");
            assertThat(events.get(0).get("context").get("affected_user").asString()).isEqualTo("mallory-victim");
            assertThat(events.get(0).get("context").get("affected_user_pk").asLong()).isEqualTo(pk);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.testing.TestDatabases#kinds")
    void eachSwitchOffKeepsWhatItCovers(String kind) throws Exception {
        try (TestServer server = start(kind)) {
            Rp rp = Rp.create(server);
            long pk = createUser(server, "partial");
            expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN,
                    obj("password", "a-long-password-1")), 204);
            User user = new UserStore(server.gatehouse().database().dsl()).byPk(pk).orElseThrow();
            SessionService.Issued browser = server.gatehouse().sessions().login(user, "192.0.2.7", "b",
                    Duration.ofHours(1));
            String apiKey = createToken(server, "partial-api", "api", pk);
            TokenResponse issued = rp.token(new AuthorizationCodeGrant(new AuthorizationCode(rp.issueCode(server, pk,
                    browser.session().keyHash())), URI.create(Rp.REDIRECT)), null);
            AccessToken access = issued.toSuccessResponse().getTokens().getAccessToken();
            assertThat(rp.introspectsActive(access)).isTrue();

            new AccountLockdown(server.gatehouse().database()).lock(Actor.SYSTEM, pk, "",
                    new AccountLockdown.Actions(true, false, false, false));

            User after = new UserStore(server.gatehouse().database().dsl()).byPk(pk).orElseThrow();
            assertThat(after.isActive()).isFalse();
            assertThat(after.hasUsablePassword()).as("password kept").isTrue();
            assertThat(expect(server.get("/api/v3/core/tokens/?user=" + pk, ADMIN), 200).get("results"))
                    .as("tokens kept").hasSize(1);
            assertThat(server.gatehouse().sessions().resolve(browser.key()))
                    .as("the kept session of a deactivated user is refused on use").isEmpty();
            assertThat(server.get("/api/v3/core/users/me/", apiKey).statusCode())
                    .as("the kept token of a deactivated user is refused on use").isEqualTo(401);
            assertThat(server.gatehouse().database().dsl().fetchCount(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name(
                    "oauth2_token")), org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("user_id")).eq(pk)
                    .and(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("revoked")).eq(false))))
                    .as("the OAuth tokens are kept").isPositive();
            assertThat(rp.introspectsActive(access)).as("a kept access token of a deactivated user at introspection")
                    .isFalse();
            assertThat(rp.userinfo(access)).as("and at userinfo").isEqualTo(401);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.testing.TestDatabases#kinds")
    void unknownUserAndInternalServiceAccountAreRefusedAndNothingIsWritten(String kind) {
        try (TestServer server = start(kind)) {
            long outpost = expect(server.send("POST", "/api/v3/core/users/", ADMIN, obj("username", "outpost-sa",
                    "name", "Outpost", "type", "internal_service_account")), 201).get("pk").asLong();
            AccountLockdown lockdown = new AccountLockdown(server.gatehouse().database());

            assertThatThrownBy(() -> lockdown.lock(Actor.SYSTEM, 424242, "x")).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> lockdown.lock(Actor.SYSTEM, outpost, "x")).isInstanceOf(ValidationException.class)
                    .hasMessageContaining("service account");

            assertThat(new UserStore(server.gatehouse().database().dsl()).byPk(outpost).orElseThrow().isActive()).isTrue();
            assertThat(expect(server.get("/api/v3/events/events/?action=account_lockdown_triggered", ADMIN), 200)
                    .get("results")).isEmpty();
        }
    }

    /** Two servers on one PostgreSQL: a session the other one cached is refused there as soon as the lockdown commits. */
    @org.junit.jupiter.api.Test
    void anotherServerOnTheSameDatabaseDropsTheCachedSessionAtOnce() throws Exception {
        String database = TestDatabases.newPostgresDatabase();
        try (TestServer a = TestServer.startOnPostgres(database); TestServer b = TestServer.startOnPostgres(database)) {
            long pk = createUser(a, "clustered");
            User user = new UserStore(a.gatehouse().database().dsl()).byPk(pk).orElseThrow();
            SessionService.Issued browser = a.gatehouse().sessions().login(user, "192.0.2.9", "b", Duration.ofHours(1));
            assertThat(b.gatehouse().sessions().resolve(browser.key())).as("cached on b").isPresent();

            new AccountLockdown(a.gatehouse().database()).lock(Actor.SYSTEM, pk, "cluster");

            dev.gatehouse.testing.Eventually.within(Duration.ofSeconds(1), "the session refused on b",
                    () -> b.gatehouse().sessions().resolve(browser.key()).isEmpty());
        }
    }
}
