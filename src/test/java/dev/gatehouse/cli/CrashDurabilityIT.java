package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 §8, as measured: four clients create users through the API, the server gets {@code kill -9}
 * (SIGKILL to the JVM: the launcher execs java), and after a restart on the same data every user that was
 * answered 201 is there. No manual step between the two starts.
 */
class CrashDurabilityIT {
    private static final String TOKEN = "it-crash-token-0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedUserSurvivesKillMinusNineOnEmbeddedH2() throws Exception {
        Map<String, String> env = GatehouseProcess.serverEnv(dir.resolve("data"));
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", TOKEN);
        crashAndCheck(env);
    }

    @Test
    void everyAcknowledgedUserSurvivesKillMinusNineOnPostgres() throws Exception {
        Map<String, String> env = GatehouseProcess.serverEnv(dir.resolve("data"));
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", TOKEN);
        GatehouseProcess.onPostgres(env, TestDatabases.newPostgresDatabase(), "it-crash-secret-key-for-the-cluster");
        crashAndCheck(env);
    }

    private void crashAndCheck(Map<String, String> env) throws Exception {
        ConcurrentLinkedQueue<String> answered201 = new ConcurrentLinkedQueue<>();
        try (GatehouseProcess server = GatehouseProcess.start(dir.resolve("run1"), env, "server")) {
            server.awaitReady();
            String base = "http://127.0.0.1:" + server.httpPort();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> running = IntStream.range(0, 4).<Future<?>>mapToObj(w -> writers.submit(() -> {
                    for (int n = 0; !stop.get(); n++) {
                        String username = "crash-" + w + "-" + n;
                        try {
                            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v3/core/users/"))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"username\":\"" + username + "\",\"name\":\"Crash " + n + "\"}"))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 201) {
                                answered201.add(username);
                            }
                        } catch (IOException e) {
                            return; // the server is gone
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                })).toList();
                GatehouseProcess.sleep(4_000);
                // SIGKILL to the JVM itself while the writers are still writing.
                server.process().destroyForcibly();
                server.process().waitFor();
                stop.set(true);
                for (Future<?> f : running) {
                    f.get();
                }
            } finally {
                writers.shutdownNow();
            }
        }
        Set<String> acknowledged = new HashSet<>(answered201);
        assertThat(acknowledged).as("users answered 201 before the crash").hasSizeGreaterThan(20);

        try (GatehouseProcess again = GatehouseProcess.start(dir.resolve("run2"), env, "server")) {
            again.awaitReady();
            Set<String> present = usernames("http://127.0.0.1:" + again.httpPort());
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(present);
            assertThat(lost).as("of %d users answered 201, these were gone after kill -9 and restart",
                    acknowledged.size()).isEmpty();
            System.out.printf("CrashDurabilityIT: all %d users answered 201 before kill -9 are present after restart%n",
                    acknowledged.size());
        }
    }

    private static Set<String> usernames(String base) throws Exception {
        Set<String> names = new HashSet<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                            URI.create(base + "/api/v3/core/users/?page_size=1000&page=" + page))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(r.body());
            body.path("results").forEach(u -> names.add(u.path("username").asText()));
            if (body.path("pagination").path("next").asInt(0) == 0) {
                return names;
            }
        }
    }
}
