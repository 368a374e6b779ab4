package dev.gatehouse.web.admin.flows;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.web.admin.AdminSession.location;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import dev.gatehouse.web.admin.AdminSession;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /if/admin/flows/<slug>/}: the stage bindings of a flow; bind an existing stage, move, change the order, remove. */
class FlowPageTest {
    private static final String PAGE = "/if/admin/flows/page-flow/";
    private static TestServer server;
    private static AdminSession admin;
    private static String flowPk;
    private static String identification;
    private static String password;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = new AdminSession(server);
        flowPk = expect(server.send("POST", "/api/v3/flows/instances/", ADMIN, obj("name", "Page <b>flow</b>",
                "slug", "page-flow", "title", "Page flow", "designation", "authentication")), 201).get("pk").asString();
        identification = stage("default-authentication-identification");
        password = stage("default-authentication-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String stage(String name) {
        return expect(server.get("/api/v3/stages/all/?search=" + name, ADMIN), 200).get("results").get(0).get("pk")
                .asString();
    }

    private static List<JsonNode> bindings() {
        List<JsonNode> out = new ArrayList<>();
        expect(server.get("/api/v3/flows/bindings/?ordering=order&target=" + flowPk, ADMIN), 200).get("results")
                .forEach(out::add);
        return out;
    }

    @Test
    void bindExistingStagesMoveReorderAndRemove() throws Exception {
        HttpResponse<String> empty = admin.get(PAGE);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).contains("Stage Bindings", "Bind existing stage", "id=\"field-stage\"",
                "id=\"field-order\"", "href=\"/if/flow/page-flow/\"", "Run this flow",
                "href=\"/if/admin/flows/page-flow/edit/\"", "Page &lt;b&gt;flow&lt;/b&gt;")
                .doesNotContain("id=\"field-target\"");

        assertThat(admin.post(PAGE + "bindings/", "stage", identification, "order", "10",
                "re_evaluate_policies", "true", "policy_engine_mode", "any", "invalid_response_action", "retry")
                .statusCode()).isEqualTo(303);
        HttpResponse<String> second = admin.post(PAGE + "bindings/", "stage", password, "order", "20",
                "policy_engine_mode", "any", "invalid_response_action", "retry");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(303);
        assertThat(location(second)).startsWith(PAGE);
        assertThat(bindings()).extracting(b -> b.get("stage").asString()).containsExactly(identification, password);
        String page = admin.get(PAGE).body();
        assertThat(page.indexOf("default-authentication-identification"))
                .isLessThan(page.indexOf("default-authentication-password"));
        assertThat(page).contains("href=\"/if/admin/stages/" + password + "/\"", "0 bindings");

        String passwordBinding = bindings().get(1).get("pk").asString();
        HttpResponse<String> up = admin.post(PAGE + "bindings/" + passwordBinding + "/move/", "direction", "up");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(303);
        assertThat(bindings()).extracting(b -> b.get("stage").asString()).containsExactly(password, identification);
        assertThat(bindings()).extracting(b -> b.get("order").asInt()).containsExactly(10, 20);

        assertThat(admin.post(PAGE + "bindings/" + passwordBinding + "/order/", "order", "30").statusCode())
                .isEqualTo(303);
        assertThat(bindings()).extracting(b -> b.get("order").asInt()).containsExactly(20, 30);

        // two stages may share an order (authentik's unique set is target, stage, order)
        assertThat(admin.post(PAGE + "bindings/" + passwordBinding + "/order/", "order", "20").statusCode()).isEqualTo(303);
        assertThat(bindings()).extracting(b -> b.get("order").asInt()).containsExactly(20, 20);
        assertThat(admin.post(PAGE + "bindings/" + passwordBinding + "/order/", "order", "30").statusCode()).isEqualTo(303);
        HttpResponse<String> refused = admin.post(PAGE + "bindings/" + passwordBinding + "/order/", "order", "-1");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"order-" + passwordBinding + "-errors\"", "value=\"-1\"");
        HttpResponse<String> duplicate = admin.post(PAGE + "bindings/", "stage", password, "order", "30",
                "policy_engine_mode", "any", "invalid_response_action", "retry");
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(duplicate.body()).contains("The fields target, stage, order must make a unique set.");
        assertThat(bindings()).hasSize(2);

        assertThat(admin.get(PAGE + "bindings/" + passwordBinding + "/delete/").body()).contains("Remove stage");
        assertThat(admin.post(PAGE + "bindings/" + passwordBinding + "/delete/", "csrf", null).statusCode())
                .isEqualTo(403);
        assertThat(admin.post(PAGE + "bindings/" + passwordBinding + "/delete/").statusCode()).isEqualTo(303);
        assertThat(bindings()).extracting(b -> b.get("stage").asString()).containsExactly(identification);
        String identificationBinding = bindings().getFirst().get("pk").asString();
        assertThat(admin.get(PAGE).body()).contains("href=\"/if/admin/bindings/" + identificationBinding + "/\"");
    }

    @Test
    void newIsStillTheCreateFormAndUnknownSlugNotFound() throws Exception {
        HttpResponse<String> form = admin.get("/if/admin/flows/new/");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("Create Flow", "id=\"field-slug\"", "action=\"/if/admin/flows/new/\"");
        assertThat(admin.get("/if/admin/flows/no-such-flow/").statusCode()).isEqualTo(404);
    }
}
