package dev.gatehouse.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.cli.GatehouseProcess;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Event;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.EventStore;
import dev.gatehouse.core.Json;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestDatabases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's webhook acceptance, with real processes: the Gatehouse server (on PostgreSQL) and a Python
 * {@code http.server} receiver on loopback that checks the HMAC signature of every body. A webhook rule receives a
 * real {@code login_failed} (a wrong password through the flow executor) and an {@code account_lockdown_triggered}
 * event; the receiver is down when the lockdown is delivered, Gatehouse is killed (-9) before it retries, another
 * event is recorded while it is down, and after both come back every event arrives, signed, with its id.
 */
class WebhookDeliveryIT {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String TOKEN = "it-webhook-token-0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String SECRET = "n8n-shared-secret-5f0c2e";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    /** The Python receiver process, writing one JSON line per request to {@code out}. */
    private record Receiver(Process process, int port, Path out) implements AutoCloseable {
        static Receiver start(Path dir, int port, Path out) throws Exception {
            assertThat(PYTHON).as("python3").isExecutable();
            Path script = Path.of(WebhookDeliveryIT.class.getResource("/notification/webhook_receiver.py").toURI());
            ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), script.toString(), Integer.toString(port),
                    out.toString()).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("receiver.log").toFile()));
            pb.environment().put("WEBHOOK_SECRET", SECRET);
            Receiver r = new Receiver(pb.start(), port, out);
            Eventually.within(Duration.ofSeconds(10), "the receiver listens", r::listening);
            return r;
        }

        boolean listening() {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    /** The requests the receiver wrote down, each with its parsed body. */
    private static List<Map<String, Object>> received(Path out) throws IOException {
        List<Map<String, Object>> all = new ArrayList<>();
        if (Files.exists(out)) {
            for (String line : Files.readAllLines(out)) {
                if (!line.isBlank()) {
                    Map<String, Object> r = new LinkedHashMap<>(Json.map(line));
                    r.put("json", Json.map((String) r.get("body")));
                    all.add(r);
                }
            }
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(Map<String, Object> request) {
        return (Map<String, Object>) ((Map<String, Object>) request.get("json")).get("event");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Map<String, Object> request) {
        return (Map<String, Object>) event(request).get("context");
    }

    private static Optional<Map<String, Object>> receivedAction(Path out, String action) throws IOException {
        return received(out).stream().filter(r -> action.equals(event(r).get("action"))).findFirst();
    }

    private static Map<String, Object> api(String base, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v3/" + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r.body().isEmpty() ? Map.of() : Json.map(r.body());
    }

    @Test
    void aSignedWebhookGetsEveryEventThroughAReceiverOutageAndAGatehouseKill() throws Exception {
        String database = TestDatabases.newPostgresDatabase();
        Map<String, String> env = GatehouseProcess.serverEnv(dir.resolve("data"));
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", TOKEN);
        GatehouseProcess.onPostgres(env, database, "it-webhook-secret-key-for-the-cluster");
        int port = GatehouseProcess.freePort();
        Path out = dir.resolve("received.jsonl");

        Event lockdown;
        Event whileDown;
        try (Receiver receiver = Receiver.start(dir, port, out);
             GatehouseProcess first = GatehouseProcess.start(dir.resolve("run1"), env, "server")) {
            first.awaitReady();
            String base = "http://127.0.0.1:" + first.httpPort();
            // n8n's shape: a webhook transport with the shared secret, a rule for the security group.
            String transport = (String) api(base, "POST", "events/transports/", "{\"name\":\"n8n\",\"mode\":\"webhook\","
                    + "\"webhook_url\":\"http://127.0.0.1:" + port + "/webhook/gatehouse\",\"webhook_secret\":\"" + SECRET
                    + "\"}").get("pk");
            Number admin = (Number) ((Map<?, ?>) api(base, "GET", "core/users/me/", null).get("user")).get("pk");
            String group = (String) api(base, "POST", "core/groups/", "{\"name\":\"security\"}").get("pk");
            api(base, "POST", "core/groups/" + group + "/add_user/", "{\"pk\":" + admin + "}");
            String rule = (String) api(base, "POST", "events/rules/", "{\"name\":\"security events\",\"transports\":[\""
                    + transport + "\"],\"severity\":\"alert\",\"destination_group\":\"" + group + "\"}").get("pk");
            int order = 0;
            for (String action : List.of("login_failed", "account_lockdown_triggered")) {
                String policy = (String) api(base, "POST", "policies/event_matcher/", "{\"name\":\"match " + action
                        + "\",\"action\":\"" + action + "\"}").get("pk");
                api(base, "POST", "policies/bindings/", "{\"target\":\"" + rule + "\",\"policy\":\"" + policy
                        + "\",\"order\":" + order++ + "}");
            }

            // A real failed sign-in.
            try (FlowClient browser = new FlowClient(base)) {
                browser.run(DefaultFlows.AUTHENTICATION, null, "akadmin", "not-the-password");
            }
            Eventually.within(Duration.ofSeconds(20), "login_failed reaches the receiver",
                    () -> quietly(() -> receivedAction(out, "login_failed").isPresent()));
            Map<String, Object> failed = receivedAction(out, "login_failed").orElseThrow();
            assertThat(failed.get("signature_valid")).isEqualTo(true);
            assertThat(failed.get("path")).isEqualTo("/webhook/gatehouse");
            @SuppressWarnings("unchecked")
            Map<String, Object> failedBody = (Map<String, Object>) failed.get("json");
            assertThat(failedBody).containsEntry("severity", "alert").containsEntry("user_username", "akadmin")
                    .containsKey("body");
            assertThat(((Map<?, ?>) failed.get("headers")).get("X-Gatehouse-Event")).isEqualTo(event(failed).get("pk"));
            assertThat(context(failed)).containsEntry("username", "akadmin");

            // The receiver goes down; a user is locked down through the seed's call, and the first try fails.
            receiver.close();
            Number victim = (Number) api(base, "POST", "core/users/", "{\"username\":\"bob\",\"name\":\"Bob\"}")
                    .get("pk");
            api(base, "POST", "core/users/" + victim + "/lockdown/", "{\"reason\":\"stolen laptop\"}");
            try (Database db = TestDatabases.openPostgres(database)) {
                Event recorded = new EventStore(db.dsl()).list(new PageRequest(1, 1, null, null,
                        Map.of("action", "account_lockdown_triggered"))).results().getFirst();
                lockdown = recorded;
                Eventually.within(Duration.ofSeconds(20), "the first try failed", () -> NotificationQueue.rows(db.dsl())
                        .stream().anyMatch(r -> r.event().equals(recorded.pk()) && r.kind().equals("deliver")
                                && r.attempts() >= 1 && r.lastError() != null && r.status().equals("queued")));
            }
            assertThat(receivedAction(out, "account_lockdown_triggered")).isEmpty();
        } // Gatehouse is killed (-9) before its retry; the receiver is down.

        try (Database db = TestDatabases.openPostgres(database)) {
            // Recorded while no Gatehouse runs: only its outbox row remembers it.
            whileDown = db.tx(dsl -> EventLog.record(dsl, "login_failed", new Actor(null, "198.51.100.4"),
                    Map.of("username", "akadmin", "reason", "while down")));
        }

        Event lockdownEvent = lockdown;
        Event downEvent = whileDown;
        try (Receiver receiver = Receiver.start(dir, port, out);
             GatehouseProcess second = GatehouseProcess.start(dir.resolve("run2"), env, "server")) {
            second.awaitReady();
            Eventually.within(Duration.ofSeconds(90), "the lockdown and the event recorded while down arrive",
                    () -> quietly(() -> received(out).stream().map(r -> event(r).get("pk")).toList()
                            .containsAll(List.of(lockdownEvent.pk().toString(), downEvent.pk().toString()))));
            List<Map<String, Object>> all = received(out);
            assertThat(all).allSatisfy(r -> assertThat(r.get("signature_valid")).isEqualTo(true));
            Map<String, Object> locked = all.stream().filter(r -> lockdownEvent.pk().toString().equals(event(r).get("pk")))
                    .findFirst().orElseThrow();
            assertThat(event(locked)).containsEntry("action", "account_lockdown_triggered")
                    .containsEntry("client_ip", "127.0.0.1");
            assertThat(context(locked)).containsEntry("reason", "stolen laptop")
                    .containsEntry("affected_user", "bob");
            @SuppressWarnings("unchecked")
            Map<String, Object> lockedBody = (Map<String, Object>) locked.get("json");
            assertThat(lockedBody).containsEntry("event_user_username", "akadmin").containsEntry("severity", "alert");
            assertThat(all.stream().map(r -> event(r).get("pk")).distinct()).as("at-least-once, each event id")
                    .hasSizeGreaterThanOrEqualTo(3);
            try (Database db = TestDatabases.openPostgres(database)) {
                Eventually.within(Duration.ofSeconds(20), "nothing left behind",
                        () -> NotificationQueue.rows(db.dsl()).isEmpty());
            }
        }
    }

    private interface Check {
        boolean test() throws Exception;
    }

    private static boolean quietly(Check check) {
        try {
            return check.test();
        } catch (Exception e) {
            return false;
        }
    }
}
