package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A flow outlives the process that started it: started on one server with a file-backed embedded database, it
 * continues with the same cookie on a new server started on the same data directory. A plan that grows past its
 * size limit ends the flow with a message, not an error page.
 */
class FlowRestartTest {

    @Test
    void flowStartedBeforeARestartWhenContinuedAfterItThenSignsIn() throws IOException {
        Path data = Files.createTempDirectory("gatehouse-restart");
        String flowCookie;
        try (TestServer before = TestServer.start(Map.of("data_dir", data.toString()));
             FlowClient browser = new FlowClient(before.base())) {
            assertThat(browser.answer(DefaultFlows.AUTHENTICATION, null,
                    Map.of("component", FlowClient.IDENTIFICATION, "uid_field", "akadmin")).get("component").asString())
                    .isEqualTo(FlowClient.PASSWORD);
            flowCookie = browser.cookie(SessionCookies.FLOW).orElseThrow();
        }
        try (TestServer after = TestServer.start(Map.of("data_dir", data.toString()));
             FlowClient browser = new FlowClient(after.base())) {
            browser.setCookie(SessionCookies.FLOW, flowCookie);
            assertThat(browser.current(DefaultFlows.AUTHENTICATION, null).get("component").asString())
                    .isEqualTo(FlowClient.PASSWORD);
            JsonNode end = browser.answer(DefaultFlows.AUTHENTICATION, null,
                    Map.of("component", FlowClient.PASSWORD, "password", TestServer.ADMIN_PASSWORD));
            assertThat(end.get("component").asString()).as(end.toString()).isEqualTo(FlowClient.REDIRECT);
            assertThat(browser.get("/api/v3/core/users/me/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void answerWhenThePlanWouldOutgrowItsLimitThenTheFlowEndsWithAMessage() {
        try (TestServer server = TestServer.start(); FlowClient browser = new FlowClient(server.base())) {
            JsonNode shown = browser.answer(DefaultFlows.AUTHENTICATION, null,
                    Map.of("component", FlowClient.IDENTIFICATION, "uid_field", "x".repeat(70 * 1024)));

            assertThat(shown.get("component").asString()).isEqualTo(FlowClient.ACCESS_DENIED);
            assertThat(shown.get("error_message").asString()).isEqualTo(FlowRunner.TOO_LARGE);
            assertThat(browser.current(DefaultFlows.AUTHENTICATION, null).get("component").asString())
                    .as("the flow starts again").isEqualTo(FlowClient.IDENTIFICATION);
        }
    }
}
