package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GATEHOUSE_LOG__FORMAT=json} and the {@code AUTHENTIK_BOOTSTRAP_TOKEN} alias on a real process. */
class ServerOptionsIT {
    private static final String TOKEN = "it-authentik-alias-token-9e8d7c6b5a4f3e2d1c0b";

    @TempDir
    Path dir;

    @Test
    void jsonLogsAndAuthentikBootstrapTokenAlias() throws Exception {
        Map<String, String> env = GatehouseProcess.serverEnv(dir.resolve("data"));
        env.put("GATEHOUSE_LOG__FORMAT", "json");
        env.put("AUTHENTIK_BOOTSTRAP_TOKEN", TOKEN);
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server")) {
            server.awaitReady();
            server.awaitStderr("initial-setup");
            assertThat(server.get("/api/v3/core/users/me/", TOKEN).statusCode()).isEqualTo(200);
            assertThat(server.get("/api/v3/core/users/", TOKEN).body()).contains("\"akadmin\"");
            // compiling an expression loads CEL (and protobuf): it must not write JDK warnings to stderr
            assertThat(postPolicy(server, "user.is_active").statusCode()).isEqualTo(201);
            HttpResponse<String> bad = postPolicy(server, "usr.is_active");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("undeclared reference to 'usr'");
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).isIn(0, 143);

            List<String> lines = server.stderrLines();
            assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
            JsonMapper json = JsonMapper.builder().build();
            for (String line : lines) {
                JsonNode node = json.readTree(line);
                assertThat(node.isObject()).as(line).isTrue();
                assertThat(node.has("level") && node.has("logger") && node.has("event")).as(line).isTrue();
            }
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("Gatehouse stopped"));
        }
    }

    private static HttpResponse<String> postPolicy(GatehouseProcess server, String expression) throws Exception {
        String body = JsonMapper.builder().build().writeValueAsString(Map.of("name", "it-" + expression,
                "expression", expression));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.httpBase()
                        + "/api/v3/policies/expression/")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
