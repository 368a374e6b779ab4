package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createToken;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.notification.NotificationStore;
import dev.gatehouse.notification.Severity;
import dev.gatehouse.testing.TestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code events/transports/}, {@code events/rules/} and {@code events/notifications/}: authentik's shapes, 400s per
 * field with nothing written, the write-only webhook secret sealed at rest, a transport's test, rules as policy-binding
 * targets, and notifications visible to their own user only.
 */
class NotificationsApiTest {
    private static final String TRANSPORTS = "/api/v3/events/transports/";
    private static final String RULES = "/api/v3/events/rules/";
    private static final String NOTIFICATIONS = "/api/v3/events/notifications/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static int transports() {
        return expect(server.get(TRANSPORTS, ADMIN), 200).get("pagination").get("count").asInt();
    }

    @Test
    void transportsHaveAuthentiksShapeAndTheSecretIsWriteOnlyAndSealed() {
        JsonNode t = expect(server.send("POST", TRANSPORTS, ADMIN, obj("name", "api-n8n", "mode", "webhook",
                "webhook_url", "https://n8n.example.org/webhook/abc", "webhook_secret", "very-secret-hmac-key")), 201);
        assertThat(t.propertyNames()).containsExactlyInAnyOrder("pk", "name", "mode", "mode_verbose", "webhook_url",
                "webhook_mapping_body", "webhook_mapping_headers", "send_once");
        assertThat(t.get("mode_verbose").asString()).isEqualTo("Generic Webhook");
        assertThat(t.get("send_once").booleanValue()).isFalse();
        String pk = t.get("pk").asString();
        assertThat(expect(server.get(TRANSPORTS + pk + "/", ADMIN), 200)).isEqualTo(t);
        assertThat(texts(expect(server.get(TRANSPORTS + "?mode=webhook&name=api-n8n", ADMIN), 200).get("results"), "pk"))
                .containsExactly(pk);
        String stored = server.gatehouse().database().dsl().fetchValue(
                "select webhook_secret from events_notificationtransport where uuid = ?", UUID.fromString(pk)).toString();
        assertThat(stored).isNotEmpty().doesNotContain("very-secret-hmac-key");

        JsonNode changed = expect(server.send("PATCH", TRANSPORTS + pk + "/", ADMIN, obj("send_once", true)), 200);
        assertThat(changed.get("send_once").booleanValue()).isTrue();
        assertThat(changed.get("webhook_url").asString()).isEqualTo("https://n8n.example.org/webhook/abc");
        expect(server.send("DELETE", TRANSPORTS + pk + "/", ADMIN, null), 204);
        expect(server.get(TRANSPORTS + pk + "/", ADMIN), 404);
    }

    @Test
    void badTransportsAreA400NamingTheFieldAndNothingIsWritten() {
        expect(server.send("POST", TRANSPORTS, ADMIN, obj("name", "api-dup", "mode", "local")), 201);
        int before = transports();
        assertThat(expect(server.send("POST", TRANSPORTS, ADMIN, obj("name", "api-bad", "mode", "webhook")), 400)
                .get("webhook_url").get(0).asString()).isEqualTo("Webhook URL may not be empty.");
        for (String url : List.of("ftp://files.example.org/x", "file:///etc/passwd", "javascript:alert(1)", "no url")) {
            assertThat(expect(server.send("POST", TRANSPORTS, ADMIN, obj("name", "api-bad", "mode", "webhook",
                    "webhook_url", url)), 400).has("webhook_url")).as(url).isTrue();
        }
        assertThat(expect(server.send("POST", TRANSPORTS, ADMIN, obj("name", "api-bad", "mode", "pigeon")), 400)
                .has("mode")).isTrue();
        assertThat(expect(server.send("POST", TRANSPORTS, ADMIN, obj("name", "api-dup", "mode", "local")), 400)
                .get("name").get(0).asString()).contains("already exists");
        assertThat(expect(server.send("POST", TRANSPORTS, ADMIN, obj("mode", "local")), 400).has("name")).isTrue();
        assertThat(transports()).isEqualTo(before);
        expect(server.send("POST", TRANSPORTS + UUID.randomUUID() + "/test/", ADMIN, null), 404);
    }

    @Test
    void aTransportsTestSendsToTheCallerNowAndAnswersTheResult() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        receiver.createContext("/hook", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            byte[] ok = "thanks".getBytes();
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        receiver.start();
        try {
            String hook = expect(server.send("POST", TRANSPORTS, ADMIN, obj("name", "api-test-hook", "mode", "webhook",
                    "webhook_url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook")), 201)
                    .get("pk").asString();
            JsonNode answer = expect(server.send("POST", TRANSPORTS + hook + "/test/", ADMIN, null), 200);
            assertThat(answer.get("messages").get(0).asString()).isEqualTo("200");
            assertThat(answer.get("messages").get(1).asString()).isEqualTo("thanks");
            assertThat(bodies).singleElement().satisfies(b -> assertThat(b).contains("\"user_username\":\"akadmin\"")
                    .contains("\"action\":\"notification_test\"").contains("Test Notification from transport api-test-hook"));
        } finally {
            receiver.stop(0);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String down = expect(server.send("POST", TRANSPORTS, ADMIN, obj("name", "api-test-down", "mode", "webhook",
                "webhook_url", "http://127.0.0.1:" + closed + "/hook")), 201).get("pk").asString();
        assertThat(expect(server.send("POST", TRANSPORTS + down + "/test/", ADMIN, null), 500).get("detail").asString())
                .contains("could not be reached");
    }

    @Test
    void rulesReferenceTransportsAndAGroupByUuidAndArePolicyBindingTargets() {
        String transport = expect(server.send("POST", TRANSPORTS, ADMIN, obj("name", "api-rule-local", "mode", "local")),
                201).get("pk").asString();
        String group = expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "api-rule-ops")), 201)
                .get("pk").asString();
        JsonNode rule = expect(server.send("POST", RULES, ADMIN, obj("name", "api-lockdowns", "transports",
                List.of(transport), "severity", "alert", "destination_group", group, "destination_event_user", true)), 201);
        assertThat(rule.propertyNames()).containsExactlyInAnyOrder("pk", "name", "transports", "severity",
                "destination_group", "destination_group_obj", "destination_event_user");
        assertThat(rule.get("transports").get(0).asString()).isEqualTo(transport);
        assertThat(rule.get("destination_group_obj").get("name").asString()).isEqualTo("api-rule-ops");
        String pk = rule.get("pk").asString();
        assertThat(expect(server.get(RULES + pk + "/", ADMIN), 200)).isEqualTo(rule);
        assertThat(texts(expect(server.get(RULES + "?destination_group__name=api-rule-ops", ADMIN), 200).get("results"),
                "pk")).containsExactly(pk);

        String missing = UUID.randomUUID().toString();
        assertThat(expect(server.send("POST", RULES, ADMIN, obj("name", "api-bad-rule", "transports", List.of(missing))),
                400).get("transports").get(0).asString()).contains("does not exist");
        assertThat(expect(server.send("POST", RULES, ADMIN, obj("name", "api-bad-rule", "destination_group", missing)),
                400).has("destination_group")).isTrue();
        assertThat(expect(server.send("POST", RULES, ADMIN, obj("name", "api-bad-rule", "severity", "panic")), 400)
                .has("severity")).isTrue();
        assertThat(expect(server.get(RULES + "?name=api-bad-rule", ADMIN), 200).get("results").isEmpty()).isTrue();

        String policy = expect(server.send("POST", "/api/v3/policies/event_matcher/", ADMIN, obj("name",
                "api-match-lockdown", "action", "account_lockdown_triggered")), 201).get("pk").asString();
        JsonNode binding = expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", pk, "policy",
                policy, "order", 0)), 201);
        assertThat(binding.get("target_kind").asString()).isEqualTo("notification_rule");
        assertThat(texts(expect(server.get("/api/v3/policies/bindings/?target=" + pk, ADMIN), 200).get("results"),
                "pk")).containsExactly(binding.get("pk").asString());

        JsonNode patched = expect(server.send("PATCH", RULES + pk + "/", ADMIN, obj("destination_group", null)), 200);
        assertThat(patched.get("destination_group").isNull()).isTrue();
        assertThat(expect(server.send("PATCH", RULES + pk + "/", ADMIN, obj("group", group)), 200)
                .get("destination_group").asString()).as("the field's earlier name").isEqualTo(group);
        expect(server.send("DELETE", RULES + pk + "/", ADMIN, null), 204);
        expect(server.get("/api/v3/policies/bindings/" + binding.get("pk").asString() + "/", ADMIN), 404);
    }

    @Test
    void eachUserSeesChangesAndDeletesOnlyTheirOwnNotifications() {
        long bobPk = createUser(server, "api-notified-bob");
        String bob = createToken(server, "api-notified-bob-token", "api", bobPk);
        var db = server.gatehouse().database();
        var admin = new UserStore(db.dsl()).byUsername("akadmin").orElseThrow();
        var event = db.tx(dsl -> EventLog.record(dsl, "login_failed", new Actor(admin, "192.0.2.7"),
                Map.of("username", "akadmin")));
        UUID adminsOwn = db.tx(dsl -> new NotificationStore(dsl).insert(admin.pk(), event.pk(), Severity.ALERT,
                "for the admin", Instant.now())).pk();
        UUID older = db.tx(dsl -> new NotificationStore(dsl).insert(bobPk, event.pk(), Severity.NOTICE, "older",
                Instant.now().minusSeconds(60))).pk();
        UUID newer = db.tx(dsl -> new NotificationStore(dsl).insert(bobPk, null, Severity.WARNING, "newer",
                Instant.now())).pk();

        JsonNode list = expect(server.get(NOTIFICATIONS, bob), 200);
        assertThat(texts(list.get("results"), "pk")).containsExactly(newer.toString(), older.toString());
        JsonNode first = list.get("results").get(1);
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("pk", "severity", "body", "hyperlink",
                "hyperlink_label", "created", "event", "seen");
        assertThat(first.get("event").get("pk").asString()).isEqualTo(event.pk().toString());
        assertThat(first.get("event").get("action").asString()).isEqualTo("login_failed");
        assertThat(first.get("seen").booleanValue()).isFalse();

        for (String method : List.of("GET", "PATCH", "DELETE")) {
            expect(server.send(method, NOTIFICATIONS + adminsOwn + "/", bob, method.equals("PATCH")
                    ? obj("seen", true) : null), 404);
        }
        assertThat(expect(server.send("PATCH", NOTIFICATIONS + older + "/", bob, obj("seen", true)), 200).get("seen")
                .booleanValue()).isTrue();
        assertThat(expect(server.send("PATCH", NOTIFICATIONS + older + "/", bob, obj("seen", "maybe")), 400).has("seen"))
                .isTrue();
        expect(server.send("POST", NOTIFICATIONS + "mark_all_seen/", bob, null), 204);
        assertThat(expect(server.get(NOTIFICATIONS + "?seen=false", bob), 200).get("results").isEmpty()).isTrue();
        assertThat(expect(server.get(NOTIFICATIONS + adminsOwn + "/", ADMIN), 200).get("seen").booleanValue())
                .as("the admin's own is untouched").isFalse();
        expect(server.send("DELETE", NOTIFICATIONS + newer + "/", bob, null), 204);
        assertThat(texts(expect(server.get(NOTIFICATIONS, bob), 200).get("results"), "pk")).containsExactly(older.toString());
        assertThat(server.get(NOTIFICATIONS, null).statusCode()).isIn(401, 403);
    }
}
