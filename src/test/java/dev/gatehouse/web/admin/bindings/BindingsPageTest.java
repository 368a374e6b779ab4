package dev.gatehouse.web.admin.bindings;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createUser;
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

/**
 * {@code /if/admin/bindings/<target>/}: binding a group and a user to an application, changing the order, removing a
 * binding after a confirmation; a refused order shown beside its input; posts without the CSRF token refused.
 */
class BindingsPageTest {
    private static TestServer server;
    private static AdminSession admin;
    private static String appPk;
    private static String groupPk;
    private static long userPk;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = new AdminSession(server);
        appPk = expect(server.send("POST", "/api/v3/core/applications/", ADMIN,
                obj("name", "Bound <script>alert(1)</script>", "slug", "bound-app")), 201).get("pk").asString();
        groupPk = expect(server.send("POST", "/api/v3/core/groups/", ADMIN,
                obj("name", "<script>alert(2)</script> members")), 201).get("pk").asString();
        userPk = createUser(server, "bound-user");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<JsonNode> bindings(String target) {
        List<JsonNode> out = new ArrayList<>();
        expect(server.get("/api/v3/policies/bindings/?ordering=order&target=" + target, ADMIN), 200).get("results")
                .forEach(out::add);
        return out;
    }

    private static String page(String target) {
        return "/if/admin/bindings/" + target + "/";
    }

    @Test
    void bindGroupAndUserThenReorderThenRemove() throws Exception {
        HttpResponse<String> shown = admin.get(page(appPk));
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("Policy / Group / User Bindings", "Bind existing policy / group / user",
                "href=\"/if/admin/applications/bound-app/\"", "id=\"field-group\"", "id=\"field-policy\"",
                "id=\"field-user\"", "id=\"field-order\"")
                .contains("&lt;script&gt;alert(2)&lt;/script&gt; members").doesNotContain("<script>alert");

        HttpResponse<String> bound = admin.post(page(appPk), "group", groupPk, "order", "0", "enabled", "true",
                "timeout", "30");
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(303);
        assertThat(location(bound)).startsWith(page(appPk));
        assertThat(admin.post(page(appPk), "user", String.valueOf(userPk), "order", "10", "enabled", "true",
                "timeout", "30").statusCode()).isEqualTo(303);

        List<JsonNode> now = bindings(appPk);
        assertThat(now).hasSize(2);
        assertThat(now.get(0).get("group").asString()).isEqualTo(groupPk);
        assertThat(now.get(0).get("enabled").asBoolean()).isTrue();
        assertThat(now.get(1).get("user").asLong()).isEqualTo(userPk);
        String listed = admin.get(page(appPk)).body();
        assertThat(listed.indexOf("&lt;script&gt;alert(2)")).isLessThan(listed.indexOf("bound-user"));

        String groupBinding = now.get(0).get("pk").asString();
        HttpResponse<String> moved = admin.post(page(appPk) + groupBinding + "/order/", "order", "20");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(303);
        now = bindings(appPk);
        assertThat(now.get(0).get("user").asLong()).isEqualTo(userPk);
        assertThat(now.get(1).get("order").asInt()).isEqualTo(20);
        listed = admin.get(page(appPk)).body();
        assertThat(listed.indexOf("bound-user")).isLessThan(listed.indexOf("&lt;script&gt;alert(2)"));

        HttpResponse<String> confirm = admin.get(page(appPk) + groupBinding + "/delete/");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Remove the binding of group", ">Remove</button>");
        assertThat(bindings(appPk)).hasSize(2);
        HttpResponse<String> removed = admin.post(page(appPk) + groupBinding + "/delete/");
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(bindings(appPk)).extracting(b -> b.get("pk").asString()).doesNotContain(groupBinding).hasSize(1);
        expect(server.send("DELETE", "/api/v3/policies/bindings/" + bindings(appPk).getFirst().get("pk").asString() + "/",
                ADMIN, null), 204);
    }

    @Test
    void badOrderShownBesideItsInputAndNothingBound() throws Exception {
        HttpResponse<String> r = admin.post(page(appPk), "group", groupPk, "order", "first", "enabled", "true",
                "timeout", "30");
        assertThat(r.statusCode()).isEqualTo(400);
        String body = r.body();
        int input = body.indexOf("id=\"field-order\"");
        int errors = body.indexOf("id=\"field-order-errors\"");
        assertThat(input).isPositive();
        assertThat(errors).isGreaterThan(input);
        assertThat(body.indexOf("id=\"field-timeout\"")).isGreaterThan(errors);
        assertThat(body).contains("value=\"first\"");
        assertThat(bindings(appPk)).isEmpty();

        HttpResponse<String> two = admin.post(page(appPk), "group", groupPk, "user", String.valueOf(userPk),
                "order", "5", "timeout", "30");
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(two.body()).contains("Only one of");
        assertThat(bindings(appPk)).isEmpty();
    }

    @Test
    void refusedOrderChangeShownBesideTheRow() throws Exception {
        assertThat(admin.post(page(appPk), "group", groupPk, "order", "3", "timeout", "30").statusCode()).isEqualTo(303);
        String pk = bindings(appPk).getFirst().get("pk").asString();
        HttpResponse<String> r = admin.post(page(appPk) + pk + "/order/", "order", "soon");
        assertThat(r.statusCode()).isEqualTo(400);
        int input = r.body().indexOf("id=\"order-" + pk + "\"");
        assertThat(input).isPositive();
        assertThat(r.body().indexOf("id=\"order-" + pk + "-errors\"")).isGreaterThan(input);
        assertThat(bindings(appPk).getFirst().get("order").asInt()).isEqualTo(3);
        expect(server.send("DELETE", "/api/v3/policies/bindings/" + pk + "/", ADMIN, null), 204);
    }

    @Test
    void postsWithoutTheCsrfTokenRefused() throws Exception {
        HttpResponse<String> bind = admin.post(page(appPk), "csrf", null, "group", groupPk, "order", "0");
        assertThat(bind.statusCode()).isEqualTo(403);
        assertThat(admin.post(page(appPk), "csrf", "forged", "group", groupPk, "order", "0").statusCode())
                .isEqualTo(403);
        assertThat(bindings(appPk)).isEmpty();

        String pk = expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN,
                obj("target", appPk, "group", groupPk, "order", 7)), 201).get("pk").asString();
        assertThat(admin.post(page(appPk) + pk + "/delete/", "csrf", null).statusCode()).isEqualTo(403);
        assertThat(admin.post(page(appPk) + pk + "/order/", "csrf", null, "order", "1").statusCode()).isEqualTo(403);
        assertThat(bindings(appPk)).hasSize(1);
        assertThat(bindings(appPk).getFirst().get("order").asInt()).isEqualTo(7);
        expect(server.send("DELETE", "/api/v3/policies/bindings/" + pk + "/", ADMIN, null), 204);
    }

    @Test
    void flowAndStageBindingTargetsLinkBackToTheFlow() throws Exception {
        JsonNode flow = expect(server.get("/api/v3/flows/instances/default-authentication-flow/", ADMIN), 200);
        HttpResponse<String> r = admin.get(page(flow.get("pk").asString()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("href=\"/if/admin/flows/default-authentication-flow/\"");
        String stageBinding = expect(server.get("/api/v3/flows/bindings/?target=" + flow.get("pk").asString(), ADMIN),
                200).get("results").get(0).get("pk").asString();
        HttpResponse<String> s = admin.get(page(stageBinding));
        assertThat(s.statusCode()).isEqualTo(200);
        assertThat(s.body()).contains("Stage binding #", "href=\"/if/admin/flows/default-authentication-flow/\"");
    }

    @Test
    void unknownTargetOrBindingOfAnotherTargetIsNotFound() throws Exception {
        assertThat(admin.get(page("00000000-0000-0000-0000-000000000000")).statusCode()).isEqualTo(404);
        assertThat(admin.get(page("not-a-uuid")).statusCode()).isEqualTo(404);
        String other = expect(server.send("POST", "/api/v3/core/applications/", ADMIN,
                obj("name", "Other", "slug", "other-bound")), 201).get("pk").asString();
        String pk = expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN,
                obj("target", other, "group", groupPk, "order", 1)), 201).get("pk").asString();
        assertThat(admin.post(page(appPk) + pk + "/delete/").statusCode()).isEqualTo(404);
        assertThat(bindings(other)).hasSize(1);
    }
}
