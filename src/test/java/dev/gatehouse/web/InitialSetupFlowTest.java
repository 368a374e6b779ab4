package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.stage.initial_setup.InitialSetupStageView;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The initial-setup flow through the executor API: once, only while akadmin has no usable password. */
class InitialSetupFlowTest {
    private static final String SLUG = "initial-setup";
    private static final Map<String, String> NO_BOOTSTRAP = Map.of("bootstrap_password", "", "bootstrap_token", "",
            "bootstrap_email", "");

    private static Map<String, Object> answer(String email, String password, String repeat) {
        return Map.of("component", "ak-stage-prompt", "email", email, "password", password, "password_repeat", repeat);
    }

    @Test
    void setsEmailAndPasswordOfAkadminSignsInThenRefusesEveryLaterRun() {
        try (TestServer server = TestServer.start(NO_BOOTSTRAP);
             FlowClient first = new FlowClient(server.base());
             FlowClient late = new FlowClient(server.base());
             FlowClient after = new FlowClient(server.base())) {
            JsonNode prompt = first.current(SLUG, null);
            assertThat(prompt.path("component").asString()).isEqualTo("ak-stage-prompt");
            assertThat(prompt.path("fields").valueStream().map(f -> f.path("field_key").asString()).toList())
                    .containsExactly("email", "password", "password_repeat");
            // a second browser that opened the setup before the first one finished
            assertThat(late.current(SLUG, null).path("component").asString()).isEqualTo("ak-stage-prompt");

            JsonNode mismatch = first.answer(SLUG, null, answer("root@example.org", "first-Secret-1", "other"));
            assertThat(mismatch.path("response_errors").path("non_field_errors").get(0).path("string").asString())
                    .isEqualTo("Passwords don't match.");
            assertThat(first.get("/api/v3/core/users/me/").statusCode()).as("not signed in yet").isIn(401, 403);

            JsonNode done = first.answer(SLUG, null, answer("root@example.org", "first-Secret-1", "first-Secret-1"));
            assertThat(done.path("component").asString()).isEqualTo(FlowClient.REDIRECT);
            JsonNode me = first.parse(first.get("/api/v3/core/users/me/"));
            assertThat(me.path("user").path("username").asString()).isEqualTo("akadmin");
            assertThat(me.path("user").path("email").asString()).isEqualTo("root@example.org");

            JsonNode overwrite = late.answer(SLUG, null, answer("evil@example.org", "second-Secret-2", "second-Secret-2"));
            assertThat(overwrite.path("component").asString()).isEqualTo(FlowClient.ACCESS_DENIED);
            assertThat(overwrite.path("error_message").asString()).isEqualTo(InitialSetupStageView.DONE);

            JsonNode again = after.current(SLUG, null);
            assertThat(again.path("component").asString()).isEqualTo(FlowClient.ACCESS_DENIED);
            assertThat(again.path("error_message").asString()).isEqualTo(InitialSetupStageView.DONE);

            JsonNode login = after.run("default-authentication-flow", null, "akadmin", "first-Secret-1");
            assertThat(login.path("component").asString()).isEqualTo(FlowClient.REDIRECT);
            assertThat(new FlowClient(server.base()).run("default-authentication-flow", null, "akadmin",
                    "second-Secret-2").path("component").asString()).isNotEqualTo(FlowClient.REDIRECT);
        }
    }

    @Test
    void refusedFromTheStartWhenTheBootstrapPasswordWasSet() {
        try (TestServer server = TestServer.start(); FlowClient client = new FlowClient(server.base())) {
            JsonNode refused = client.current(SLUG, null);
            assertThat(refused.path("component").asString()).isEqualTo(FlowClient.ACCESS_DENIED);
            assertThat(refused.path("error_message").asString()).isEqualTo(InitialSetupStageView.DONE);
        }
    }
}
