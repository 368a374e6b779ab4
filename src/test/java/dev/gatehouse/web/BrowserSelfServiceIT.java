package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seed 004's password recovery and invitation enrollment in real headless Chromium
 * ({@code browser-tests/self-service.test.mjs}) against the server process, which sends its mail to a separate SMTP
 * process: Debian's aiosmtpd with its Maildir handler, read by the browser test. Screenshots are kept in
 * {@code target/browser-artifacts/}.
 */
class BrowserSelfServiceIT {
    private static final String TEST = "self-service.test.mjs";
    private static final List<String> SCREENSHOTS = List.of("recovery-email-sent.png", "recovery-email-sent-phone.png",
            "recovery-new-password.png", "recovery-new-password-phone.png", "recovery-link-used.png",
            "enrollment-invitation-form.png", "enrollment-confirm-email.png", "enrollment-confirm-email-phone.png",
            "enrollment-invitation-used.png");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void recoveryAndInvitationEnrollmentWithARealSmtpServerInHeadlessChromium() throws Exception {
        BrowserTests.installPackages(dir);
        Path maildir = dir.resolve("maildir");
        int smtpPort = GatehouseProcess.freePort();
        Process smtp = new ProcessBuilder("/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + smtpPort,
                "-c", "aiosmtpd.handlers.Mailbox", maildir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("aiosmtpd.log").toFile()).start();
        try {
            awaitPort(smtpPort, smtp);
            String password = "pw-" + BrowserTests.random();
            String token = "tk-" + BrowserTests.random();
            Map<String, String> env = new LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("data")));
            env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", password);
            env.put("GATEHOUSE_BOOTSTRAP_TOKEN", token);
            env.put("GATEHOUSE_EMAIL__HOST", "127.0.0.1");
            env.put("GATEHOUSE_EMAIL__PORT", String.valueOf(smtpPort));
            env.put("GATEHOUSE_EMAIL__FROM", "gatehouse@example.org");
            try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server");
                 HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
                server.awaitReady();
                String base = "http://localhost:" + server.httpPort();
                JsonNode alice = BrowserTests.api(http, base, token, "POST", "/api/v3/core/users/", Map.of("username", "alice",
                        "name", "Alice Member", "email", "alice@example.org", "type", "internal"), 201);
                BrowserTests.api(http, base, token, "POST", "/api/v3/core/users/" + alice.get("pk").asLong() + "/set_password/",
                        Map.of("password", "Old-Password-1!"), 204);
                BrowserTests.Result node = BrowserTests.nodeTest(dir, TEST, Map.of(
                        "GATEHOUSE_URL", base,
                        "GATEHOUSE_USER", "akadmin",
                        "GATEHOUSE_PASSWORD", password,
                        "GATEHOUSE_TOKEN", token,
                        "GATEHOUSE_MEMBER", "alice",
                        "GATEHOUSE_MEMBER_EMAIL", "alice@example.org",
                        "MAILDIR", maildir.toString()));
                BrowserTests.assertAllPassed(node, TEST, server.stderr() + "\naiosmtpd:\n"
                        + Files.readString(dir.resolve("aiosmtpd.log")));
                server.terminate();
                assertThat(server.awaitExit(Duration.ofSeconds(20))).as(server.stderr()).isIn(0, 143);
            }
        } finally {
            smtp.destroy();
            smtp.waitFor();
        }
        BrowserTests.assertScreenshotsKept(SCREENSHOTS);
    }

    private static void awaitPort(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("aiosmtpd is running").isTrue();
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("aiosmtpd did not listen on " + port);
    }


}
