package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.JSON;
import static dev.gatehouse.api.ApiTestSupport.adminGroupPk;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The seed call: {@code curl -H "Authorization: Bearer <token>" .../api/v3/core/users/}. */
class SeedCallTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listUsersWithBootstrapTokenThenPaginationEnvelopeWithAkadmin() {
        HttpResponse<String> r = server.get("/api/v3/core/users/", ADMIN);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        assertSeedAnswer(JSON.readTree(r.body()));
    }

    @Test
    void listUsersWithRealCurlThenPaginationEnvelopeWithAkadmin() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("curl", "-sS", "-w", "\n%{http_code}", "-H", "Authorization: Bearer " + ADMIN,
                server.base().replace("127.0.0.1", "localhost") + "/api/v3/core/users/")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        int nl = out.lastIndexOf('\n');
        assertThat(out.substring(nl + 1)).isEqualTo("200");
        assertSeedAnswer(JSON.readTree(out.substring(0, nl)));
    }

    private static void assertSeedAnswer(JsonNode body) {
        assertThat(body.propertyNames()).containsExactly("pagination", "results");
        JsonNode p = body.get("pagination");
        assertThat(p.propertyNames()).containsExactlyInAnyOrder("next", "previous", "count", "current", "total_pages",
                "start_index", "end_index");
        assertThat(p.get("count").asInt()).isEqualTo(1);
        assertThat(p.get("current").asInt()).isEqualTo(1);
        assertThat(p.get("total_pages").asInt()).isEqualTo(1);
        assertThat(p.get("next").asInt()).isZero();
        assertThat(p.get("previous").asInt()).isZero();
        assertThat(p.get("start_index").asInt()).isEqualTo(1);
        assertThat(p.get("end_index").asInt()).isEqualTo(1);

        JsonNode results = body.get("results");
        assertThat(texts(results, "username")).containsExactly("akadmin");
        JsonNode akadmin = results.get(0);
        assertThat(akadmin.get("is_superuser").isBoolean()).isTrue();
        assertThat(akadmin.get("is_superuser").booleanValue()).isTrue();
        assertThat(akadmin.get("is_active").booleanValue()).isTrue();
        assertThat(akadmin.get("pk").isIntegralNumber()).isTrue();
        assertThat(akadmin.get("email").asString()).isEqualTo("admin@example.org");
        assertThat(akadmin.get("type").asString()).isEqualTo("internal");
        assertThat(akadmin.has("password")).isFalse();
        assertThat(akadmin.has("password_hash")).isFalse();
        assertThat(texts(akadmin.get("groups_obj"), "name")).containsExactly("authentik Admins");
        assertThat(akadmin.get("groups").valueStream().map(JsonNode::asString).toList())
                .containsExactly(adminGroupPk(server));
    }
}
