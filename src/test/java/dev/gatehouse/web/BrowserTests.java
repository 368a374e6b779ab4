package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the node tests in {@code browser-tests/} share (the headless Chromium ones and the openid-client one):
 * their npm packages installed from the lock file, one {@code node --test} file run against running servers
 * with its screenshots kept in {@code target/browser-artifacts/}, and the checks of the spec reporter's summary
 * and of the kept PNGs.
 */
public final class BrowserTests {
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration NODE_TIMEOUT = Duration.ofMinutes(5);

    private BrowserTests() {
    }

    public record Result(int exitCode, String output) {
    }

    /** Where the screenshots and node logs are kept after the test: {@code target/browser-artifacts/}. */
    static Path artifacts() {
        return GatehouseProcess.root().resolve("target/browser-artifacts");
    }

    /**
     * {@code npm ci} once: skipped when node_modules already holds every dependency of
     * {@code browser-tests/package.json} at its pinned version.
     */
    public static void installPackages(Path tmp) throws IOException, InterruptedException {
        Path tests = GatehouseProcess.root().resolve("browser-tests");
        if (installed(tests)) {
            return;
        }
        Result npm = run(tmp, tests, NPM_TIMEOUT, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        assertThat(npm.exitCode()).as("npm ci in %s\n%s", tests, npm.output()).isZero();
    }

    private static boolean installed(Path tests) throws IOException {
        String json = Files.readString(tests.resolve("package.json"));
        Matcher block = Pattern.compile("\"dependencies\"\\s*:\\s*\\{([^}]*)}").matcher(json);
        assertThat(block.find()).as("dependencies in\n%s", json).isTrue();
        Matcher dep = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]+)\"").matcher(block.group(1));
        while (dep.find()) {
            Path installed = tests.resolve("node_modules").resolve(dep.group(1)).resolve("package.json");
            if (!Files.isRegularFile(installed)
                    || !dep.group(2).equals(version(Files.readString(installed), "\"version\"\\s*:\\s*\"([^\"]+)\""))) {
                return false;
            }
        }
        return true;
    }

    private static String version(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        assertThat(m.find()).as("%s in\n%s", regex, json).isTrue();
        return m.group(1);
    }

    /**
     * {@code node --test --test-reporter=spec browser-tests/<file>} with {@code env} plus SCREENSHOT_DIR (a
     * directory under {@code tmp}); the screenshots it took, whatever happened, and its output (as
     * {@code <file>.log}) are kept in {@link #artifacts()}.
     */
    public static Result nodeTest(Path tmp, String file, Map<String, String> env) throws IOException, InterruptedException {
        Path shots = tmp.resolve("screenshots");
        Map<String, String> all = new LinkedHashMap<>(env);
        all.put("SCREENSHOT_DIR", shots.toString());
        Result node;
        try {
            node = run(tmp, GatehouseProcess.root(), NODE_TIMEOUT, all, "node", "--test", "--test-reporter=spec",
                    "browser-tests/" + file);
        } finally {
            keep(shots, artifacts());
        }
        Files.writeString(artifacts().resolve(file.replaceFirst("\\.mjs$", "") + ".log"), node.output());
        return node;
    }

    /** Exit code 0, and the spec reporter's summary: every test ran and passed, none skipped or left as todo. */
    public static void assertAllPassed(Result node, String file, String serverStderr) {
        assertThat(node.exitCode())
                .as("node --test browser-tests/%s exit code\n%s\nserver stderr:\n%s", file, node.output(), serverStderr)
                .isZero();
        assertThat(node.output()).containsPattern("(?m)^\\S+ tests [1-9]\\d*$").containsPattern("(?m)^\\S+ fail 0$")
                .containsPattern("(?m)^\\S+ skipped 0$").containsPattern("(?m)^\\S+ todo 0$")
                .containsPattern("(?m)^\\S+ cancelled 0$");
    }

    /** Each screenshot is in {@link #artifacts()}: a PNG of some substance. */
    static void assertScreenshotsKept(List<String> names) throws IOException {
        for (String name : names) {
            Path png = artifacts().resolve(name);
            assertThat(png).as("screenshot %s kept", name).isRegularFile();
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes.length).as("%s size", name).isGreaterThan(5_000);
            assertThat(Arrays.copyOf(bytes, 8))
                    .as("%s is a PNG", name)
                    .containsExactly(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
        }
    }

    /**
     * Runs a command (bounded), stdout and stderr together into a log under {@code tmp}; GATEHOUSE_* and
     * AUTHENTIK_* variables only from {@code env}.
     */
    static Result run(Path tmp, Path workDir, Duration timeout, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, command[0] + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("AUTHENTIK_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("%s did not finish within %s\n%s", String.join(" ", command), timeout, output).isTrue();
        return new Result(p.exitValue(), output);
    }

    /** Copies the screenshots (whatever the tests got to) to the kept artifacts directory. */
    private static void keep(Path shots, Path artifacts) throws IOException {
        Files.createDirectories(artifacts);
        if (!Files.isDirectory(shots)) {
            return;
        }
        try (Stream<Path> files = Files.list(shots)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".png")).toList()) {
                Files.copy(f, artifacts.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** 24 random hex characters: a password or token for the server under test. */
    public static String random() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A REST API call with a bearer token that must answer {@code expected}; its JSON, or null when empty. */
    public static JsonNode api(HttpClient http, String base, String token, String method, String path, Object body,
                               int expected) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s %s -> %s", method, path, r.body()).isEqualTo(expected);
        return r.body().isEmpty() ? null : JSON.readTree(r.body());
    }

    /**
     * Runs {@code file} against a fresh server process whose akadmin has a random password and API token, given to the
     * test as GATEHOUSE_URL, _USER, _PASSWORD and _TOKEN; the server must stop cleanly and {@code screenshots} be kept.
     */
    static void runAgainstFreshServer(Path dir, String file, List<String> screenshots) throws Exception {
        installPackages(dir);
        String password = "pw-" + random();
        String token = "tk-" + random() + random();
        Map<String, String> env = new LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("data")));
        env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", password);
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", token);
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server")) {
            server.awaitReady();
            Result node = nodeTest(dir, file, Map.of("GATEHOUSE_URL", "http://localhost:" + server.httpPort(),
                    "GATEHOUSE_USER", "akadmin", "GATEHOUSE_PASSWORD", password, "GATEHOUSE_TOKEN", token));
            assertAllPassed(node, file, server.stderr());
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).as(server.stderr()).isIn(0, 143);
        }
        assertScreenshotsKept(screenshots);
    }
}
