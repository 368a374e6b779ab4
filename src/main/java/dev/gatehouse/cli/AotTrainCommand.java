package dev.gatehouse.cli;

import dev.gatehouse.Gatehouse;
import dev.gatehouse.config.ConfigSource;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.crypto.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * Training run for the JDK's ahead-of-time cache (JEP 483/514): starts a throw-away server on free
 * ports with a temporary data directory, exercises start-up and the common requests, and stops.
 * {@code bin/gatehouse} runs it once per build with {@code -XX:AOTCacheOutput}.
 */
@Command(name = "aot-train", hidden = true, description = "Exercise the server once to build the start-up cache")
public final class AotTrainCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("gatehouse-aot");
        String token = Secrets.randomKey(64);
        GatehouseConfig config = GatehouseConfig.from(ConfigSource.of(Map.of(
                "data_dir", dir.toString(), "listen.http", "127.0.0.1:0", "listen.https", "127.0.0.1:0",
                "bootstrap_token", token, "log_level", "warning")));
        try (Gatehouse g = Gatehouse.start(config); HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + g.httpPort();
            for (int i = 0; i < 3; i++) {
                get(http, base + "/-/health/ready/", null);
                get(http, base + "/api/v3/core/users/", token);
                get(http, base + "/api/v3/core/users/me/", token);
                get(http, base + "/api/v3/core/tokens/", token);
                get(http, base + "/api/v3/events/events/", token);
                get(http, base + "/-/metrics/", null);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private static void get(HttpClient http, String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        http.send(b.build(), HttpResponse.BodyHandlers.discarding());
    }
}
