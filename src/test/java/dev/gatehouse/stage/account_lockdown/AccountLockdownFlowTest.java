package dev.gatehouse.stage.account_lockdown;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Self-service lockdown through the flow executor: a signed-in user runs the default lockdown flow (warning, reason,
 * lockdown), ends on the completion flow with the session gone, and cannot sign in again; without a completion flow
 * the stage shows that the account was locked. The stage's completion flow must need no sign-in.
 */
class AccountLockdownFlowTest {
    private static final String PASSWORD = "a-long-password-17";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A browser signed in as a new user with a password. */
    private static FlowClient signedIn(String username) {
        long pk = createUser(server, username);
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN, obj("password", PASSWORD)), 204);
        User user = new UserStore(server.gatehouse().database().dsl()).byPk(pk).orElseThrow();
        FlowClient browser = new FlowClient(server.base());
        browser.setCookie("gatehouse_session", server.gatehouse().sessions().login(user, "127.0.0.1", "test",
                Duration.ofHours(1)).key());
        expect(browser.get("/api/v3/core/users/me/"), 200);
        return browser;
    }

    private static User user(String username) {
        return new UserStore(server.gatehouse().database().dsl()).byUsername(username).orElseThrow();
    }

    @Test
    void selfServiceThroughTheDefaultFlowEndsOnTheCompletionFlowAndTheUserCannotSignInAgain() {
        try (FlowClient browser = signedIn("self-lock")) {
            JsonNode prompt = browser.current("default-account-lockdown", null);
            assertThat(prompt.get("component").asString()).as(prompt.toString()).isEqualTo("ak-stage-prompt");
            assertThat(prompt.toString()).contains("Only an administrator can unlock it").contains("\"reason\"");
            assertThat(user("self-lock").isActive()).as("the warning locks nothing").isTrue();

            JsonNode done = browser.answer("default-account-lockdown", null, Map.of("component", "ak-stage-prompt",
                    "reason", "This wasn't me"));

            assertThat(done.get("component").asString()).as(done.toString()).isEqualTo("xak-flow-redirect");
            assertThat(done.get("to").asString()).isEqualTo("/if/flow/default-account-lockdown-complete/");
            assertThat(browser.get("/api/v3/core/users/me/").statusCode()).as("the session is gone").isEqualTo(401);
            JsonNode complete = browser.current("default-account-lockdown-complete", null);
            assertThat(complete.toString()).as("the completion flow needs no session").contains("Your account has been locked");
            User after = user("self-lock");
            assertThat(after.isActive()).isFalse();
            assertThat(after.hasUsablePassword()).isFalse();
            JsonNode event = expect(server.get("/api/v3/events/events/?action=account_lockdown_triggered", ADMIN), 200)
                    .get("results").get(0);
            assertThat(event.get("context").get("reason").asString()).isEqualTo("This wasn't me");
            assertThat(event.get("user").get("username").asString()).isEqualTo("self-lock");
        }
        try (FlowClient again = new FlowClient(server.base())) {
            JsonNode login = again.run("default-authentication-flow", null, "self-lock", PASSWORD);
            assertThat(again.cookie("gatehouse_session")).as("no session: %s", login).isEmpty();
            assertThat(login.toString()).doesNotContain("xak-flow-redirect");
        }
    }

    @Test
    void selfServiceWithoutCompletionFlowShowsThatTheAccountWasLocked() {
        String flow = expect(server.send("POST", "/api/v3/flows/instances/", ADMIN, obj("name", "Lock", "slug",
                "lock-plain", "title", "Lock", "designation", "stage_configuration",
                "authentication", "require_authenticated")), 201).get("pk").asString();
        String stage = expect(server.send("POST", "/api/v3/stages/account_lockdown/", ADMIN,
                obj("name", "lock-plain-stage")), 201).get("pk").asString();
        expect(server.send("POST", "/api/v3/flows/bindings/", ADMIN, obj("target", flow, "stage", stage, "order", 0)),
                201);
        try (FlowClient browser = signedIn("plain-lock")) {
            JsonNode locked = browser.current("lock-plain", null);

            assertThat(locked.get("component").asString()).as(locked.toString()).isEqualTo("ak-stage-account-lockdown");
            assertThat(locked.get("title").asString()).isEqualTo("Your account has been locked");
            assertThat(browser.get("/if/flow/lock-plain/").body()).contains("Your account has been locked");
            assertThat(browser.get("/api/v3/core/users/me/").statusCode()).isEqualTo(401);
            assertThat(user("plain-lock").isActive()).isFalse();
        }
    }

    @Test
    void stageDefaultsHaveEverySwitchOnAndTheCompletionFlowMustNeedNoSignIn() {
        JsonNode created = expect(server.send("POST", "/api/v3/stages/account_lockdown/", ADMIN,
                obj("name", "lock-defaults")), 201);
        for (String key : new String[] {"deactivate_user", "set_unusable_password", "delete_sessions", "revoke_tokens"}) {
            assertThat(created.get(key).booleanValue()).as(key).isTrue();
        }
        String authenticated = expect(server.get("/api/v3/flows/instances/default-account-lockdown/", ADMIN), 200)
                .get("pk").asString();

        JsonNode refused = expect(server.send("POST", "/api/v3/stages/account_lockdown/", ADMIN,
                obj("name", "lock-bad", "self_service_completion_flow", authenticated)), 400);

        assertThat(refused.get("self_service_completion_flow").get(0).asString()).contains("must not require authentication");
    }
}
