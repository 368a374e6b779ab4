package dev.gatehouse.stage.dummy;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The dummy stage through its API resource, the flow executor API and its HTML page. */
class DummyStageTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A flow whose only stage is a dummy stage named {@code name}; its slug. */
    private static String flowWithDummy(String name, boolean throwError) {
        JsonNode stage = expect(server.send("POST", "/api/v3/stages/dummy/", ADMIN,
                obj("name", name, "throw_error", throwError)), 201);
        assertThat(stage.get("throw_error").asBoolean()).isEqualTo(throwError);
        assertThat(stage.get("component").asString()).isEqualTo("ak-stage-dummy-form");
        assertThat(stage.get("meta_model_name").asString()).isEqualTo("authentik_stages_dummy.dummystage");
        JsonNode flow = expect(server.send("POST", "/api/v3/flows/instances/", ADMIN, obj("name", name, "slug", name,
                "title", "Try " + name, "designation", "stage_configuration")), 201);
        expect(server.send("POST", "/api/v3/flows/bindings/", ADMIN, obj("target", flow.get("pk").asString(),
                "stage", stage.get("pk").asString(), "order", 10)), 201);
        return name;
    }

    @Test
    void theConfigDefaultsToNoErrorAndIsChecked() {
        JsonNode stage = expect(server.send("POST", "/api/v3/stages/dummy/", ADMIN, obj("name", "dummy-defaults")), 201);
        assertThat(stage.get("throw_error").asBoolean()).isFalse();
        expect(server.send("POST", "/api/v3/stages/dummy/", ADMIN, obj("name", "dummy-bad", "throw_error", "maybe")), 400);
    }

    @Test
    void theExecutorShowsTheNameAndAnyAnswerContinues() {
        String flow = flowWithDummy("dummy-api", false);
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode challenge = c.current(flow, null);
            assertThat(challenge.get("component").asString()).isEqualTo("ak-stage-dummy");
            assertThat(challenge.get("name").asString()).isEqualTo("dummy-api");
            assertThat(challenge.get("flow_info").get("title").asString()).isEqualTo("Try dummy-api");
            HttpResponse<String> answered = c.postRaw(flow, null, Map.of("component", "ak-stage-dummy"));
            assertThat(answered.statusCode()).isEqualTo(302);
            assertThat(c.current(flow, null).get("component").asString()).isEqualTo(FlowClient.REDIRECT);
        }
    }

    @Test
    void withThrowErrorTheFlowEndsWithTheTestError() {
        String flow = flowWithDummy("dummy-error", true);
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode denied = c.current(flow, null);
            assertThat(denied.get("component").asString()).isEqualTo("ak-stage-access-denied");
            assertThat(denied.get("error_message").asString()).isEqualTo("Test error");
        }
    }

    @Test
    void thePageShowsAContinueButtonThatPostsBackWithoutJavaScript() {
        String flow = "/if/flow/" + flowWithDummy("dummy-page", false) + "/";
        try (FlowClient browser = new FlowClient(server.base())) {
            String page = browser.getDirect(flow).body();
            assertThat(page).contains("<h1>Try dummy-page</h1>").contains("<p class=\"who\">dummy-page</p>")
                    .contains("name=\"component\" value=\"ak-stage-dummy\"").contains("<button type=\"submit\">Continue</button>")
                    .doesNotContain("<script");
            Matcher csrf = CSRF.matcher(page);
            assertThat(csrf.find()).isTrue();
            assertThat(browser.postFormDirect(flow, Map.of("csrf", csrf.group(1), "component", "ak-stage-dummy"))
                    .statusCode()).isEqualTo(303);
            assertThat(browser.getDirect(flow).statusCode()).isEqualTo(302);
        }
    }

    @Test
    void withThrowErrorThePageSaysSo() {
        String flow = "/if/flow/" + flowWithDummy("dummy-page-error", true) + "/";
        try (FlowClient browser = new FlowClient(server.base())) {
            assertThat(browser.getDirect(flow).body()).contains("<p class=\"error\" role=\"alert\">Test error</p>")
                    .doesNotContain("<form");
        }
    }
}
