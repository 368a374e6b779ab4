package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser login in real headless Chromium (Debian's {@code /usr/bin/chromium}, driven by
 * {@code playwright-core} from {@code browser-tests/}): a real server process, then
 * {@code node --test browser-tests/login.test.mjs} against {@code http://localhost:<port>}. The node tests'
 * screenshots of the login card are kept in {@code target/browser-artifacts/}.
 */
class BrowserLoginIT {
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration NODE_TIMEOUT = Duration.ofMinutes(5);
    private static final List<String> SCREENSHOTS = List.of("login-card.png", "login-card-phone.png");

    @TempDir
    Path dir;

    @Test
    void loginLogoutAndNoScriptLoginInHeadlessChromium() throws Exception {
        Path root = GatehouseProcess.root();
        Path tests = root.resolve("browser-tests");
        installPlaywrightCore(tests);

        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = "pw-" + HexFormat.of().formatHex(random);
        Map<String, String> env = new java.util.LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("data")));
        env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", password);
        Path shots = dir.resolve("screenshots");
        Path artifacts = root.resolve("target/browser-artifacts");
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server")) {
            server.awaitReady();
            Result node;
            try {
                node = run(tests.getParent(), NODE_TIMEOUT, Map.of(
                                "GATEHOUSE_URL", "http://localhost:" + server.httpPort(),
                                "GATEHOUSE_USER", "akadmin",
                                "GATEHOUSE_PASSWORD", password,
                                "SCREENSHOT_DIR", shots.toString()),
                        "node", "--test", "--test-reporter=spec", "browser-tests/login.test.mjs");
            } finally {
                keep(shots, artifacts);
            }
            Files.writeString(artifacts.resolve("login.test.log"), node.output());
            assertThat(node.exitCode())
                    .as("node --test browser-tests/login.test.mjs exit code\n%s\nserver stderr:\n%s", node.output(),
                            server.stderr())
                    .isZero();
            // the spec reporter's summary: every test ran and passed, none skipped or left as todo
            assertThat(node.output()).containsPattern("(?m)^\\S+ tests [1-9]\\d*$").containsPattern("(?m)^\\S+ fail 0$")
                    .containsPattern("(?m)^\\S+ skipped 0$").containsPattern("(?m)^\\S+ todo 0$")
                    .containsPattern("(?m)^\\S+ cancelled 0$");
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).as(server.stderr()).isIn(0, 143);
        }
        for (String name : SCREENSHOTS) {
            Path png = artifacts.resolve(name);
            assertThat(png).as("screenshot %s kept", name).isRegularFile();
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes.length).as("%s size", name).isGreaterThan(5_000);
            assertThat(java.util.Arrays.copyOf(bytes, 8))
                    .as("%s is a PNG", name)
                    .containsExactly(0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
        }
    }

    /** {@code npm ci} once: skipped when node_modules already holds the pinned playwright-core. */
    private void installPlaywrightCore(Path tests) throws IOException, InterruptedException {
        String pinned = version(Files.readString(tests.resolve("package.json")), "\"playwright-core\"\\s*:\\s*\"([^\"]+)\"");
        Path installed = tests.resolve("node_modules/playwright-core/package.json");
        if (Files.isRegularFile(installed)
                && pinned.equals(version(Files.readString(installed), "\"version\"\\s*:\\s*\"([^\"]+)\""))) {
            return;
        }
        Result npm = run(tests, NPM_TIMEOUT, Map.of(), "npm", "ci", "--no-audit", "--no-fund");
        assertThat(npm.exitCode()).as("npm ci in %s\n%s", tests, npm.output()).isZero();
    }

    private static String version(String json, String regex) {
        Matcher m = Pattern.compile(regex).matcher(json);
        assertThat(m.find()).as("%s in\n%s", regex, json).isTrue();
        return m.group(1);
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a command (bounded), stdout and stderr together; GATEHOUSE_* variables only from {@code env}. */
    private Result run(Path workDir, Duration timeout, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, command[0] + "-", ".log");
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
}
