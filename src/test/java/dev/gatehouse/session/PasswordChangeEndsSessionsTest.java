package dev.gatehouse.session;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.provider.oauth2.token.GrantToken;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.flow.engine.StageTypes;
import dev.gatehouse.provider.proxy.ProxySessionStore;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13 §4: setting or changing a user's password (an admin through {@code set_password/} or a user update with
 * {@code password_hash}, or the user in a flow's user_write stage) ends the user's other sign-ins — browser
 * sessions, the proxy sessions and tokens hanging off them, OAuth refresh tokens — while the session that made
 * the change, API tokens and app passwords stay.
 */
class PasswordChangeEndsSessionsTest {
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static TestServer server;
    private static long provider;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        String flow = expect(server.get("/api/v3/flows/instances/default-provider-authorization-implicit-consent/",
                ADMIN), 200).get("pk").asString();
        provider = expect(server.send("POST", "/api/v3/providers/oauth2/", ADMIN, obj("name", "pw-change-rp",
                "authorization_flow", flow)), 201).get("pk").asLong();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Everything a user can be signed in with, for checking what a password change ends. */
    private record SignIns(long user, SessionService.Issued first, SessionService.Issued second, String proxyOnFirst,
                           String proxyOnSecond, String proxyTokenOnSecond, String refreshToken, String apiKey,
                           String appPasswordId) {
    }

    private static SignIns signIns(String username, String password) {
        long pk = createUser(server, username);
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN, obj("password", password)), 204);
        User u = new UserStore(server.gatehouse().database().dsl()).byPk(pk).orElseThrow();
        SessionService.Issued a = server.gatehouse().sessions().login(u, "192.0.2.1", "browser-a", Duration.ofHours(1));
        SessionService.Issued b = server.gatehouse().sessions().login(u, "192.0.2.2", "browser-b", Duration.ofHours(1));
        String proxyA = Secrets.randomKey(43);
        String proxyB = Secrets.randomKey(43);
        String proxyTokenB = Secrets.randomKey(43);
        String refresh = Secrets.randomKey(43);
        UUID familyB = UUID.randomUUID();
        Instant now = Instant.now();
        Instant later = now.plus(Duration.ofHours(1));
        server.gatehouse().database().txRun(dsl -> {
            ProxySessionStore proxies = new ProxySessionStore(dsl);
            proxies.insert(Secrets.sha256Hex(proxyA), provider, pk, a.session().uuid(), UUID.randomUUID(), "openid",
                    now, "pwd", now, later);
            proxies.insert(Secrets.sha256Hex(proxyB), provider, pk, b.session().uuid(), familyB, "openid", now, "pwd",
                    now, later);
            new OAuth2GrantStore(dsl).insert(new GrantToken(Secrets.sha256Hex(proxyTokenB), GrantToken.Kind.ACCESS, familyB,
                    provider, pk, "openid", now, null, "pwd", later, false, false));
            new OAuth2GrantStore(dsl).insert(new GrantToken(Secrets.sha256Hex(refresh), GrantToken.Kind.REFRESH,
                    UUID.randomUUID(), provider, pk, "openid offline_access", now, null, "pwd", later, false, false));
        });
        String apiKey = createToken(server, username + "-api", "api", pk);
        createToken(server, username + "-app", "app_password", pk);
        return new SignIns(pk, a, b, proxyA, proxyB, proxyTokenB, refresh, apiKey, username + "-app");
    }

    private static boolean sessionLives(SessionService.Issued s) {
        return server.gatehouse().sessions().resolve(s.key()).isPresent();
    }

    private static boolean proxySessionLives(String key) {
        return new ProxySessionStore(server.gatehouse().database().dsl()).byKeyHash(Secrets.sha256Hex(key)).isPresent();
    }

    private static boolean revoked(String token) {
        return new OAuth2GrantStore(server.gatehouse().database().dsl()).token(Secrets.sha256Hex(token))
                .orElseThrow().revoked();
    }

    private static void assertTokensStay(SignIns s) {
        assertThat(expect(server.get("/api/v3/core/users/me/", s.apiKey()), 200).get("user").get("pk").asLong())
                .as("the API token still authenticates").isEqualTo(s.user());
        expect(server.get("/api/v3/core/tokens/" + s.appPasswordId() + "/", ADMIN), 200);
    }

    private static void assertAllSignInsLive(SignIns s) {
        assertThat(sessionLives(s.first())).isTrue();
        assertThat(sessionLives(s.second())).isTrue();
        assertThat(proxySessionLives(s.proxyOnSecond())).isTrue();
        assertThat(revoked(s.refreshToken())).isFalse();
    }

    private static void assertEveryOtherSignInEnded(SignIns s) {
        assertThat(sessionLives(s.second())).as("the other browser session").isFalse();
        assertThat(proxySessionLives(s.proxyOnSecond())).as("the proxy session of the other browser session").isFalse();
        assertThat(revoked(s.proxyTokenOnSecond())).as("the ended proxy session's access token").isTrue();
        assertThat(revoked(s.refreshToken())).as("the OAuth refresh token").isTrue();
    }

    @Test
    void adminSetPasswordEndsEverySessionAndRefreshTokenButKeepsApiTokensAndAppPasswords() {
        SignIns s = signIns("pw-admin-set", "first-password-1");
        assertAllSignInsLive(s);

        expect(server.send("POST", "/api/v3/core/users/" + s.user() + "/set_password/", ADMIN,
                obj("password", "second-password-2")), 204);

        assertEveryOtherSignInEnded(s);
        assertThat(sessionLives(s.first())).as("an admin's change keeps none of the user's sessions").isFalse();
        assertThat(proxySessionLives(s.proxyOnFirst())).isFalse();
        assertTokensStay(s);
    }

    @Test
    void adminUpdateWithPasswordHashEndsEverySessionAndRefreshToken() {
        SignIns s = signIns("pw-admin-hash", "first-password-1");
        assertAllSignInsLive(s);

        expect(server.send("PATCH", "/api/v3/core/users/" + s.user() + "/", ADMIN,
                obj("password_hash", HASHER.hash("second-password-2"))), 200);

        assertEveryOtherSignInEnded(s);
        assertThat(sessionLives(s.first())).isFalse();
        assertTokensStay(s);
    }

    @Test
    void anUpdateWithoutAPasswordEndsNothing() {
        SignIns s = signIns("pw-no-change", "first-password-1");
        expect(server.send("PATCH", "/api/v3/core/users/" + s.user() + "/", ADMIN, obj("name", "Renamed")), 200);
        assertAllSignInsLive(s);
    }

    @Test
    void theUsersOwnChangeInAFlowKeepsTheSessionThatMadeItAndEndsTheOthers() {
        SignIns s = signIns("pw-self", "first-password-1");
        String slug = passwordChangeFlow("pw-self-change");
        try (FlowClient browser = new FlowClient(server.base())) {
            browser.setCookie("gatehouse_session", s.first().key());
            JsonNode prompt = browser.run(slug, null, "pw-self", "first-password-1");
            assertThat(prompt.path("component").asString()).as(prompt.toString()).isEqualTo("ak-stage-prompt");
            JsonNode done = browser.answer(slug, null, Map.of("component", "ak-stage-prompt",
                    "password", "second-password-2", "password_repeat", "second-password-2"));
            assertThat(done.path("response_errors").isMissingNode()).as(done.toString()).isTrue();

            assertThat(HASHER.verify("second-password-2", new UserStore(server.gatehouse().database().dsl())
                    .byPk(s.user()).orElseThrow().passwordHash())).as("the flow changed the password").isTrue();
            assertThat(sessionLives(s.first())).as("the session that made the change").isTrue();
            assertThat(proxySessionLives(s.proxyOnFirst())).as("the proxy session of the kept session").isTrue();
            expect(browser.get("/api/v3/core/users/me/"), 200);
            assertEveryOtherSignInEnded(s);
            assertTokensStay(s);
        }
    }

    /** identification → password → prompt (new password twice) → user_write: a self-service password change. */
    private static String passwordChangeFlow(String slug) {
        server.gatehouse().database().txRun(dsl -> {
            Flow f = new Flow(UUID.randomUUID(), slug, slug, slug, "stage_configuration", "require_authenticated",
                    "message_continue", "stacked", "any", false, "", Instant.now());
            new FlowStore(dsl).insert(f);
            Stage identification = new StageStore(dsl).byName("default-authentication-identification").orElseThrow();
            Stage password = new StageStore(dsl).byName("default-authentication-password").orElseThrow();
            Stage prompt = new StageStore(dsl).insert(slug + "-prompt", "prompt", Map.of("fields",
                    dev.gatehouse.testing.TestPrompts.pks(dsl, slug, List.of(field("password", 1),
                            field("password_repeat", 2))), "validation_policies", List.of()));
            Map<String, Object> write = new LinkedHashMap<>(StageTypes.byName("user_write").orElseThrow().defaults());
            write.put("user_creation_mode", "never_create");
            Stage writer = new StageStore(dsl).insert(slug + "-write", "user_write", write);
            int order = 10;
            for (Stage stage : List.of(identification, password, prompt, writer)) {
                new FlowBindingStore(dsl).insert(new FlowStageBinding(UUID.randomUUID(), f.pk(), stage.pk(), order, false, true,
                        "retry", "any"));
                order += 10;
            }
        });
        return slug;
    }

    private static Map<String, Object> field(String key, int order) {
        return Map.of("field_key", key, "label", key, "type", "password", "required", true, "order", order);
    }
}
