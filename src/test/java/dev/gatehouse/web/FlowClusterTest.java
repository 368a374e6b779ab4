package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.crypto.totp.Base32;
import dev.gatehouse.crypto.totp.Totp;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flows in a cluster without sticky sessions: two Gatehouse servers on one PostgreSQL database, one browser whose
 * requests alternate between them. Each step is answered by whichever server gets it: the plan, its context
 * (the identified user, the TOTP secret being enrolled) and the flow key's rotation live in the database.
 */
class FlowClusterTest {
    private static final String VALIDATE = "ak-stage-authenticator-validate";
    private static final String TOTP = "ak-stage-authenticator-totp";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static TestServer serverA;
    private static TestServer serverB;

    @BeforeAll
    static void cluster() {
        String database = TestDatabases.newPostgresDatabase();
        serverA = TestServer.startOnPostgres(database);
        serverB = TestServer.startOnPostgres(database);
    }

    @AfterAll
    static void stop() {
        serverA.close();
        serverB.close();
    }

    /** One browser: a cookie jar that follows it to whichever server its next request goes to. */
    private static final class Browser implements AutoCloseable {
        private final FlowClient a = new FlowClient(serverA.base());
        private final FlowClient b = new FlowClient(serverB.base());
        private FlowClient last = a;

        FlowClient on(TestServer server) {
            FlowClient next = server == serverA ? a : b;
            for (String name : List.of(SessionCookies.FLOW, SessionCookies.SESSION, SessionCookies.CSRF)) {
                last.cookie(name).ifPresent(value -> next.setCookie(name, value));
            }
            last = next;
            return next;
        }

        @Override
        public void close() {
            a.close();
            b.close();
        }
    }

    private static String component(JsonNode challenge) {
        return challenge.path("component").asString("");
    }

    private static String code(String secret, long offset) {
        return Totp.code(Base32.decode(secret), Totp.step(Instant.now(), 30) + offset, 6);
    }

    private static String username(HttpResponse<String> me) {
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        return JSON.readTree(me.body()).path("user").path("username").asString();
    }

    @Test
    void identificationByAPasswordByBAndTheTotpCodeByAThenSignedInOnBoth() {
        String secret;
        try (Browser enrolling = new Browser()) {
            JsonNode password = enrolling.on(serverA).answer(DefaultFlows.AUTHENTICATION, null,
                    Map.of("component", FlowClient.IDENTIFICATION, "uid_field", "akadmin"));
            assertThat(component(password)).isEqualTo(FlowClient.PASSWORD);
            assertThat(component(enrolling.on(serverB).answer(DefaultFlows.AUTHENTICATION, null,
                    Map.of("component", FlowClient.PASSWORD, "password", TestServer.ADMIN_PASSWORD))))
                    .isEqualTo(FlowClient.REDIRECT);
            // TOTP enrolment: the secret is put into the plan's context by A and checked by B
            JsonNode setup = enrolling.on(serverA).current(DefaultFlows.TOTP_SETUP, null);
            assertThat(component(setup)).isEqualTo(TOTP);
            secret = setup.get("config_url").asString().replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1");
            assertThat(component(enrolling.on(serverB).answer(DefaultFlows.TOTP_SETUP, null,
                    Map.of("component", TOTP, "code", code(secret, 0))))).isEqualTo(FlowClient.REDIRECT);
        }

        try (Browser browser = new Browser()) {
            assertThat(component(browser.on(serverA).current(DefaultFlows.AUTHENTICATION, null)))
                    .isEqualTo(FlowClient.IDENTIFICATION);
            assertThat(component(browser.on(serverA).answer(DefaultFlows.AUTHENTICATION, null,
                    Map.of("component", FlowClient.IDENTIFICATION, "uid_field", "akadmin"))))
                    .isEqualTo(FlowClient.PASSWORD);
            assertThat(component(browser.on(serverB).answer(DefaultFlows.AUTHENTICATION, null,
                    Map.of("component", FlowClient.PASSWORD, "password", TestServer.ADMIN_PASSWORD))))
                    .isEqualTo(VALIDATE);
            JsonNode end = browser.on(serverA).answer(DefaultFlows.AUTHENTICATION, null,
                    Map.of("component", VALIDATE, "code", code(secret, 1)));
            assertThat(component(end)).as(end.toString()).isEqualTo(FlowClient.REDIRECT);

            assertThat(username(browser.on(serverA).get("/api/v3/core/users/me/"))).isEqualTo("akadmin");
            assertThat(username(browser.on(serverB).get("/api/v3/core/users/me/"))).isEqualTo("akadmin");
        }
    }

    @Test
    void flowKeyRotatedByOneServerWhenPresentedToTheOtherThenTheNewKeyContinuesAndTheOldOneDoesNot() {
        try (Browser browser = new Browser()) {
            browser.on(serverA).current(DefaultFlows.AUTHENTICATION, null);
            String before = browser.on(serverA).cookie(SessionCookies.FLOW).orElseThrow();
            browser.on(serverA).answer(DefaultFlows.AUTHENTICATION, null,
                    Map.of("component", FlowClient.IDENTIFICATION, "uid_field", "akadmin"));
            String rotated = browser.on(serverA).cookie(SessionCookies.FLOW).orElseThrow();
            assertThat(rotated).isNotEqualTo(before);

            FlowClient other = browser.on(serverB);
            other.setCookie(SessionCookies.FLOW, before);
            assertThat(component(other.current(DefaultFlows.AUTHENTICATION, null)))
                    .as("the key before rotation no longer finds the plan").isEqualTo(FlowClient.IDENTIFICATION);
            other.setCookie(SessionCookies.FLOW, rotated);
            assertThat(component(other.current(DefaultFlows.AUTHENTICATION, null)))
                    .as("the rotated key finds it on the other server").isEqualTo(FlowClient.PASSWORD);
        }
    }
}
