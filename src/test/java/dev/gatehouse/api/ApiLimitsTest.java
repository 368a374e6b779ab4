package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.adminGroupPk;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.json;
import static dev.gatehouse.api.ApiTestSupport.modelEvents;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Body size limit, and writes that fail leave nothing behind (no row, no event). */
class ApiLimitsTest {
    private static final String USERS = "/api/v3/core/users/";
    private static final int TWO_MIB = 2 * 1024 * 1024;
    private static TestServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    /** A syntactically valid user body of the given size (the padding sits in an attribute). */
    private static byte[] bigUserBody(String username, int size) {
        String head = "{\"username\":\"" + username + "\",\"name\":\"n\",\"attributes\":{\"pad\":\"";
        String tail = "\"}}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static void assertNoUser(String username) {
        assertThat(expect(server.get(USERS + "?username=" + username, ADMIN), 200).get("results")).isEmpty();
    }

    @Test
    void createUserWhenBody2MiBThen413() {
        HttpResponse<String> r = ApiTestSupport.send(client, server.base() + USERS, "POST", ADMIN,
                HttpRequest.BodyPublishers.ofByteArray(bigUserBody("huge", TWO_MIB)));

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("\"detail\"").contains("larger than 1 MiB");
        assertNoUser("huge");
    }

    @Test
    void createUserWhenChunkedBody2MiBThen413() {
        byte[] body = bigUserBody("huge-chunked", TWO_MIB);
        HttpResponse<String> r = ApiTestSupport.send(client, server.base() + USERS, "POST", ADMIN,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(r.statusCode()).isEqualTo(413);
        assertNoUser("huge-chunked");
    }

    @Test
    void createUserWhenBodyJustUnder1MiBThenAccepted() {
        HttpResponse<String> r = ApiTestSupport.send(client, server.base() + USERS, "POST", ADMIN,
                HttpRequest.BodyPublishers.ofByteArray(bigUserBody("big-but-fine", 1024 * 1024 - 16)));
        expect(r, 201);
    }

    @Test
    void serverStillAnswersAfterOversizedBody() {
        ApiTestSupport.send(client, server.base() + USERS, "POST", ADMIN,
                HttpRequest.BodyPublishers.ofByteArray(bigUserBody("huge-again", TWO_MIB)));
        expect(server.get(USERS + "?page_size=1", ADMIN), 200);
    }

    @Test
    void createUserWhenGroupUnknownThen400AndNothingWritten() {
        String admins = adminGroupPk(server);
        JsonNode body = expect(server.send("POST", USERS, ADMIN, obj("username", "half-made", "name", "Half",
                "groups", List.of(admins, "00000000-0000-0000-0000-00000000dead"))), 400);

        assertThat(body.propertyNames()).containsExactly("groups");
        assertNoUser("half-made");
        assertThat(modelEvents(server, "model_created", "half-made")).isEmpty();
        JsonNode group = expect(server.get("/api/v3/core/groups/" + admins + "/", ADMIN), 200);
        assertThat(group.get("users_obj").valueStream().map(u -> u.get("username").asString()).toList())
                .containsExactly("akadmin");
    }

    @Test
    void patchUserWhenOneFieldInvalidThen400AndNothingChanged() {
        long pk = createUser(server, "keep-me");
        JsonNode before = expect(server.get(USERS + pk + "/", ADMIN), 200);

        JsonNode body = expect(server.send("PATCH", USERS + pk + "/", ADMIN, obj("name", "Changed", "email",
                "changed@example.org", "groups", List.of("00000000-0000-0000-0000-00000000beef"))), 400);

        assertThat(body.propertyNames()).containsExactly("groups");
        assertThat(expect(server.get(USERS + pk + "/", ADMIN), 200)).isEqualTo(before);
        assertThat(modelEvents(server, "model_updated", "keep-me")).isEmpty();
    }

    @Test
    void createGroupWhenMemberUnknownThen400AndNoGroup() {
        long pk = createUser(server, "group-candidate");
        JsonNode body = expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "half-group",
                "users", List.of(pk, 999999))), 400);
        assertThat(body.propertyNames()).containsExactly("users");
        assertThat(expect(server.get("/api/v3/core/groups/?name=half-group", ADMIN), 200).get("results")).isEmpty();
        assertThat(modelEvents(server, "model_created", "half-group")).isEmpty();
    }

    @Test
    void createUserConcurrentlyWithSameUsernameThenOne201AndOthers400Username() throws Exception {
        int n = 8;
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> server.send("POST", USERS, ADMIN,
                        obj("username", "racer", "name", "Racer")), pool));
            }
            int created = 0;
            for (CompletableFuture<HttpResponse<String>> c : calls) {
                HttpResponse<String> r = c.get();
                if (r.statusCode() == 201) {
                    created++;
                } else {
                    JsonNode body = expect(r, 400);
                    assertThat(body.propertyNames()).containsExactly("username");
                }
            }
            assertThat(created).isEqualTo(1);
        }
        assertThat(expect(server.get(USERS + "?username=racer", ADMIN), 200).get("results")).hasSize(1);
        assertThat(modelEvents(server, "model_created", "racer")).hasSize(1);
    }

    @Test
    void createUserWhenAttributesNestedDeeplyThen400NotServerError() {
        String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
        HttpResponse<String> r = server.send("POST", USERS, ADMIN,
                "{\"username\":\"deep\",\"name\":\"d\",\"attributes\":" + deep + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).propertyNames()).containsExactly("non_field_errors");
        assertNoUser("deep");
    }
}
