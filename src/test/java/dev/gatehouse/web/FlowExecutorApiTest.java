package dev.gatehouse.web;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The flow executor API over HTTP with a headless client: login, errors, redirects, logout, events, sessions. */
class FlowExecutorApiTest {
    private static final String AUTH = DefaultFlows.AUTHENTICATION;
    private static final String ME = "/api/v3/core/users/me/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static FlowClient client() {
        return new FlowClient(server.base());
    }

    private static List<String> setCookies(HttpResponse<String> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).toList();
    }

    private static HttpResponse<String> meWithSession(String sessionKey) {
        return ApiTestSupport.send(HttpClient.newHttpClient(), server.base() + ME, "GET", null, null,
                "Cookie", SessionCookies.SESSION + "=" + sessionKey);
    }

    private static void assertFlowInfo(JsonNode challenge) {
        JsonNode info = challenge.get("flow_info");
        assertThat(info).as("flow_info of %s", challenge).isNotNull();
        assertThat(info.get("title").asString()).isEqualTo("Welcome to Gatehouse!");
        assertThat(info.get("background").isString()).isTrue();
        assertThat(info.get("cancel_url").asString()).startsWith("/");
        assertThat(info.get("layout").asString()).isEqualTo("stacked");
    }

    private static String login(FlowClient c) {
        JsonNode end = c.run(AUTH, null, "akadmin", TestServer.ADMIN_PASSWORD);
        assertThat(end.get("component").asString()).as("%s", end).isEqualTo(FlowClient.REDIRECT);
        return c.cookie(SessionCookies.SESSION).orElseThrow();
    }

    @Test
    void loginThenValidAnswersRedirectSessionCookieIsHttpOnlyLaxAndMeIsAdmin() {
        try (FlowClient c = client()) {
            JsonNode identification = c.current(AUTH, null);
            assertThat(identification.get("component").asString()).isEqualTo(FlowClient.IDENTIFICATION);
            assertFlowInfo(identification);

            HttpResponse<String> afterId = c.postRaw(AUTH, null,
                    FlowClient.answerFor(identification, "akadmin", TestServer.ADMIN_PASSWORD));
            assertThat(afterId.statusCode()).isEqualTo(302);
            assertThat(afterId.headers().firstValue("Location")).hasValueSatisfying(l ->
                    assertThat(l).endsWith(FlowClient.executorPath(AUTH, null)));
            assertThat(setCookies(afterId, SessionCookies.SESSION)).isEmpty();

            JsonNode password = c.current(AUTH, null);
            assertThat(password.get("component").asString()).isEqualTo(FlowClient.PASSWORD);
            assertThat(password.get("pending_user").asString()).isEqualTo("akadmin");
            assertFlowInfo(password);
            assertThat(c.get(ME).statusCode()).as("not signed in before the last stage").isEqualTo(401);

            HttpResponse<String> afterPassword = c.postRaw(AUTH, null,
                    FlowClient.answerFor(password, "akadmin", TestServer.ADMIN_PASSWORD));
            assertThat(afterPassword.statusCode()).isEqualTo(302);
            assertThat(setCookies(afterPassword, SessionCookies.SESSION)).singleElement().satisfies(cookie -> {
                assertThat(cookie).contains("; HttpOnly").contains("; SameSite=Lax").contains("; Path=/")
                        .doesNotContain("Secure");
                assertThat(cookie).doesNotStartWith(SessionCookies.SESSION + "=;");
            });

            JsonNode end = c.current(AUTH, null);
            assertThat(end.get("component").asString()).isEqualTo(FlowClient.REDIRECT);
            assertThat(end.get("to").asString()).isEqualTo("/");
            HttpResponse<String> me = c.get(ME);
            assertThat(ApiTestSupport.expect(me, 200).get("user").get("username").asString()).isEqualTo("akadmin");
        }
    }

    @Test
    void answerWhenInvalidThen200WithResponseErrorsAndTheSameChallenge() {
        try (FlowClient c = client()) {
            HttpResponse<String> empty = c.postRaw(AUTH, null, Map.of("component", FlowClient.IDENTIFICATION));
            assertThat(empty.statusCode()).isEqualTo(200);
            JsonNode noUid = c.parse(empty);
            assertThat(noUid.get("component").asString()).isEqualTo(FlowClient.IDENTIFICATION);
            assertThat(noUid.get("response_errors").get("uid_field").get(0).get("string").asString()).isNotBlank();
            assertFlowInfo(noUid);

            c.answer(AUTH, null, Map.of("component", FlowClient.IDENTIFICATION, "uid_field", "akadmin"));
            HttpResponse<String> wrong = c.postRaw(AUTH, null,
                    Map.of("component", FlowClient.PASSWORD, "password", "wrong password"));
            assertThat(wrong.statusCode()).isEqualTo(200);
            JsonNode body = c.parse(wrong);
            assertThat(body.get("component").asString()).isEqualTo(FlowClient.PASSWORD);
            JsonNode error = body.get("response_errors").get("password").get(0);
            assertThat(error.get("string").asString()).isEqualTo("Invalid password");
            assertThat(error.get("code").asString()).isNotBlank();
            assertThat(body.get("response_errors").propertyNames()).containsExactly("password");
            assertFlowInfo(body);
            assertThat(setCookies(wrong, SessionCookies.SESSION)).isEmpty();
            assertThat(c.get(ME).statusCode()).isEqualTo(401);

            JsonNode fresh = c.current(AUTH, null);
            assertThat(fresh.get("component").asString()).isEqualTo(FlowClient.PASSWORD);
            assertThat(fresh.has("response_errors")).as("errors belong to the answer only").isFalse();
        }
    }

    @Test
    void nextWhenRelativeThenFollowedAndWhenAbsoluteOrProtocolRelativeThenRoot() {
        try (FlowClient c = client()) {
            assertThat(FlowClient.executorPath(AUTH, "next=/if/user/")).endsWith("?query=next%3D%2Fif%2Fuser%2F");
            JsonNode end = c.run(AUTH, "next=/if/user/", "akadmin", TestServer.ADMIN_PASSWORD);
            assertThat(end.get("component").asString()).isEqualTo(FlowClient.REDIRECT);
            assertThat(end.get("to").asString()).isEqualTo("/if/user/");
        }
        for (String evil : List.of("next=https://evil.example/", "next=//evil.example/", "next=/\\evil.example",
                "next=%2F%2Fevil.example%2F")) {
            try (FlowClient c = client()) {
                JsonNode end = c.run(AUTH, evil, "akadmin", TestServer.ADMIN_PASSWORD);
                assertThat(end.get("component").asString()).as(evil).isEqualTo(FlowClient.REDIRECT);
                assertThat(end.get("to").asString()).as(evil).isEqualTo("/");
            }
        }
    }

    @Test
    void unknownFlowSlugThen404() {
        try (FlowClient c = client()) {
            assertThat(c.getRaw("no-such-flow", null).statusCode()).isEqualTo(404);
            assertThat(c.postRaw("no-such-flow", null, Map.of("component", FlowClient.PASSWORD)).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void invalidationFlowAfterLoginThenSessionEndsAndCookiesCleared() {
        try (FlowClient c = client()) {
            String session = login(c);
            assertThat(c.get(ME).statusCode()).isEqualTo(200);

            HttpResponse<String> logout = c.getRaw(DefaultFlows.INVALIDATION, null, SessionCookies.CSRF_HEADER,
                    c.cookie(SessionCookies.CSRF).orElseThrow());
            JsonNode end = c.parse(logout);
            assertThat(end.get("component").asString()).isEqualTo(FlowClient.REDIRECT);
            assertThat(setCookies(logout, SessionCookies.SESSION)).singleElement().asString()
                    .startsWith(SessionCookies.SESSION + "=;").contains("Max-Age=0");
            assertThat(setCookies(logout, SessionCookies.CSRF)).singleElement().asString()
                    .startsWith(SessionCookies.CSRF + "=;").contains("Max-Age=0");

            assertThat(c.cookie(SessionCookies.SESSION)).isEmpty();
            assertThat(c.get(ME).statusCode()).isEqualTo(401);
            assertThat(meWithSession(session).statusCode()).as("the old key is dead server-side too").isEqualTo(401);
        }
    }

    /** A cross-site link to the executor's logout cannot send the CSRF header: 403, and the session lives on. */
    @Test
    void invalidationFlowWithoutTheSessionsCsrfTokenThen403AndTheSessionStays() {
        try (FlowClient c = client()) {
            login(c);
            for (String[] headers : List.of(new String[0], new String[] {SessionCookies.CSRF_HEADER, "forged"})) {
                HttpResponse<String> refused = c.getRaw(DefaultFlows.INVALIDATION, null, headers);
                assertThat(refused.statusCode()).isEqualTo(403);
                assertThat(refused.body()).contains("CSRF");
                assertThat(setCookies(refused, SessionCookies.SESSION)).isEmpty();
                assertThat(c.get(ME).statusCode()).as("still signed in").isEqualTo(200);
            }
        }
    }

    @Test
    void loginAndWrongPasswordThenLoginAndLoginFailedEventsWithClientIp() {
        String ghost = "ghost-" + UUID.randomUUID();
        try (FlowClient c = client()) {
            long logins = events("login").size();
            login(c);
            List<JsonNode> after = events("login");
            assertThat(after).hasSize((int) logins + 1);
            JsonNode newest = after.get(0);
            assertThat(newest.get("client_ip").asString()).isEqualTo("127.0.0.1");
            assertThat(newest.toString()).contains("akadmin");
        }
        try (FlowClient c = client()) {
            JsonNode wrong = c.run(AUTH, null, ghost, "wrong password");
            assertThat(wrong.get("response_errors").get("password").get(0).get("string").asString())
                    .isEqualTo("Invalid password");
        }
        assertThat(events("login_failed")).filteredOn(e -> e.path("context").path("username").asString("").equals(ghost))
                .singleElement().satisfies(e -> assertThat(e.get("client_ip").asString()).isEqualTo("127.0.0.1"));
    }

    @Test
    void loginThenNewSessionIdEachTimeAndPlantedCookieNotReused() {
        String planted = "attackerChosenSessionValue0123456789abcdef";
        try (FlowClient c = client()) {
            c.setCookie(SessionCookies.SESSION, planted);
            String first = login(c);
            assertThat(first).isNotEqualTo(planted);
            assertThat(meWithSession(planted).statusCode()).isEqualTo(401);
            assertThat(meWithSession(first).statusCode()).isEqualTo(200);

            String second = login(c);
            assertThat(second).isNotEqualTo(first).isNotEqualTo(planted);
            assertThat(meWithSession(second).statusCode()).isEqualTo(200);
        }
    }

    private static List<JsonNode> events(String action) {
        JsonNode body = expect(server.get("/api/v3/events/events/?page_size=1000&action=" + action, ADMIN), 200);
        List<JsonNode> out = new ArrayList<>();
        body.get("results").forEach(out::add);
        return out;
    }
}
