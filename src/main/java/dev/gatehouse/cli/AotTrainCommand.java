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
 * ports, exercises start-up and the common requests, and stops. {@code bin/gatehouse} runs it once per
 * build in two JVMs on one temporary data directory: first {@code --prepare} (the first start: database,
 * keys, certificate) without recording, then the recorded run, which starts as every later start does.
 * The cache's classes are all loaded when a JVM starts, so the first start's classes (key generation,
 * certificate building, migrations) are better left out of it.
 */
@Command(name = "aot-train", hidden = true, description = "Exercise the server once to build the start-up cache")
public final class AotTrainCommand implements Callable<Integer> {
    @picocli.CommandLine.Parameters(arity = "0..1", description = "data directory (default: a temporary one)")
    Path dataDir;

    @picocli.CommandLine.Option(names = "--prepare", description = "only create the data directory's contents")
    boolean prepare;

    @Override
    public Integer call() throws Exception {
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("gatehouse-aot") : dataDir;
        Path tokenFile = dir.resolve("aot-train.token");
        if (prepare) {
            String token = Secrets.randomKey(64);
            Files.writeString(tokenFile, token);
            try (Gatehouse g = Gatehouse.start(config(dir, token))) {
                return 0;
            }
        }
        try {
            return train(dir, Files.exists(tokenFile) ? Files.readString(tokenFile) : Secrets.randomKey(64));
        } finally {
            if (temporary) {
                delete(dir);
            }
        }
    }

    private static GatehouseConfig config(Path dir, String token) {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "data_dir", dir.toString(), "listen.http", "127.0.0.1:0", "listen.https", "127.0.0.1:0",
                "log_level", "warning"));
        if (token != null) {
            values.put("bootstrap_token", token);
        }
        return GatehouseConfig.from(ConfigSource.of(values));
    }

    private static int train(Path dir, String token) throws Exception {
        try (Gatehouse g = Gatehouse.start(config(dir, token)); HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + g.httpPort();
            for (int i = 0; i < 3; i++) {
                get(http, base + "/-/health/ready/", null);
                get(http, base + "/api/v3/core/users/", token);
                get(http, base + "/api/v3/core/users/me/", token);
                get(http, base + "/api/v3/core/tokens/", token);
                get(http, base + "/api/v3/events/events/", token);
                get(http, base + "/-/metrics/", null);
            }
        }
        return 0;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void get(HttpClient http, String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        http.send(b.build(), HttpResponse.BodyHandlers.discarding());
    }
}
