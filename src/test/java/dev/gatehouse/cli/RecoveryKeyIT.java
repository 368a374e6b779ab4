package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code create_recovery_key <minutes> <username>} prints a URL that signs the user in once. */
class RecoveryKeyIT {
    @TempDir
    Path dir;

    @Test
    void recoveryUrlSignsInOnce() throws Exception {
        Map<String, String> env = GatehouseProcess.serverEnv(dir.resolve("data"));
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server")) {
            server.awaitReady();
            server.terminate();
            server.awaitExit(Duration.ofSeconds(20));
        }
        String url;
        try (GatehouseProcess p = GatehouseProcess.run(dir, env, null, "create_recovery_key", "5", "akadmin")) {
            assertThat(p.exitCode()).as(p.stderr()).isZero();
            url = p.stdout().strip();
        }
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/recovery/use-token/[A-Za-z0-9]{64}/");
        try (GatehouseProcess p = GatehouseProcess.run(dir, env, null, "create_recovery_key", "5", "nobody")) {
            assertThat(p.exitCode()).isEqualTo(1);
            assertThat(p.stderr()).contains("nobody");
        }
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server");
             HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            server.awaitReady();
            HttpResponse<Void> first = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(first.statusCode()).isEqualTo(302);
            assertThat(first.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("gatehouse_session="));
            HttpResponse<Void> second = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(second.statusCode()).isEqualTo(404);
            server.terminate();
        }
    }
}
