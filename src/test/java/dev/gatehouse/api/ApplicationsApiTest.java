package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code core/applications/}: CRUD addressed by slug, slug validation and uniqueness. */
class ApplicationsApiTest {
    private static final String APPS = "/api/v3/core/applications/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void create(String slug) {
        expect(server.send("POST", APPS, ADMIN, obj("name", "App " + slug, "slug", slug)), 201);
    }

    @Test
    void createApplicationThen201AndReadableBySlug() {
        JsonNode a = expect(server.send("POST", APPS, ADMIN, obj("name", "Grafana", "slug", "grafana",
                "meta_launch_url", "https://grafana.example.org/", "meta_description", "Dashboards",
                "meta_publisher", "Grafana Labs", "group", "Monitoring", "policy_engine_mode", "all",
                "open_in_new_tab", true)), 201);

        assertThat(a.get("slug").asString()).isEqualTo("grafana");
        assertThat(a.get("name").asString()).isEqualTo("Grafana");
        assertThat(a.get("meta_launch_url").asString()).isEqualTo("https://grafana.example.org/");
        assertThat(a.get("meta_description").asString()).isEqualTo("Dashboards");
        assertThat(a.get("meta_publisher").asString()).isEqualTo("Grafana Labs");
        assertThat(a.get("group").asString()).isEqualTo("Monitoring");
        assertThat(a.get("policy_engine_mode").asString()).isEqualTo("all");
        assertThat(a.get("open_in_new_tab").booleanValue()).isTrue();
        assertThat(a.get("provider").isNull()).isTrue();
        assertThat(expect(server.get(APPS + "grafana/", ADMIN), 200)).isEqualTo(a);
        assertThat(texts(expect(server.get(APPS + "?slug=grafana", ADMIN), 200).get("results"), "slug"))
                .containsExactly("grafana");
    }

    @Test
    void createApplicationWhenSlugTakenThen400Slug() {
        create("taken");
        JsonNode body = expect(server.send("POST", APPS, ADMIN, obj("name", "Other", "slug", "taken")), 400);
        assertThat(body.propertyNames()).containsExactly("slug");
        assertThat(expect(server.get(APPS + "taken/", ADMIN), 200).get("name").asString()).isEqualTo("App taken");
    }

    @Test
    void createApplicationWhenSlugInvalidThen400Slug() {
        for (String slug : new String[] {"has space", "slash/slug", "ümlaut", "", "s".repeat(51)}) {
            JsonNode body = expect(server.send("POST", APPS, ADMIN, obj("name", "Bad", "slug", slug)), 400);
            assertThat(body.propertyNames()).as(slug).containsExactly("slug");
        }
        assertThat(expect(server.get(APPS + "?name=Bad", ADMIN), 200).get("results")).isEmpty();
    }

    @Test
    void createApplicationWhenRequiredMissingThen400() {
        JsonNode body = expect(server.send("POST", APPS, ADMIN, obj("meta_description", "x")), 400);
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("name", "slug");
    }

    @Test
    void createApplicationWhenBadChoiceOrProviderThen400() {
        JsonNode mode = expect(server.send("POST", APPS, ADMIN, obj("name", "M", "slug", "mode",
                "policy_engine_mode", "some")), 400);
        assertThat(mode.propertyNames()).containsExactly("policy_engine_mode");
        JsonNode provider = expect(server.send("POST", APPS, ADMIN, obj("name", "P", "slug", "prov",
                "provider", 424242)), 400);
        assertThat(provider.propertyNames()).containsExactly("provider");
        expect(server.get(APPS + "mode/", ADMIN), 404);
        expect(server.get(APPS + "prov/", ADMIN), 404);
    }

    @Test
    void getApplicationWhenUnknownSlugThen404() {
        assertThat(expect(server.get(APPS + "no-such-app/", ADMIN), 404).get("detail").asString())
                .isEqualTo("Not found.");
        expect(server.send("PATCH", APPS + "no-such-app/", ADMIN, obj("name", "x")), 404);
        expect(server.send("PUT", APPS + "no-such-app/", ADMIN, obj("name", "x", "slug", "no-such-app")), 404);
        expect(server.send("DELETE", APPS + "no-such-app/", ADMIN, null), 404);
    }

    @Test
    void patchApplicationThenOnlyGivenFieldsChange() {
        create("patch-app");
        JsonNode after = expect(server.send("PATCH", APPS + "patch-app/", ADMIN, obj("meta_publisher", "ACME")), 200);
        assertThat(after.get("meta_publisher").asString()).isEqualTo("ACME");
        assertThat(after.get("name").asString()).isEqualTo("App patch-app");
        assertThat(after.get("policy_engine_mode").asString()).isEqualTo("any");
    }

    @Test
    void patchApplicationSlugThenAddressedByNewSlug() {
        create("old-slug");
        JsonNode after = expect(server.send("PATCH", APPS + "old-slug/", ADMIN, obj("slug", "new-slug")), 200);
        assertThat(after.get("slug").asString()).isEqualTo("new-slug");
        expect(server.get(APPS + "old-slug/", ADMIN), 404);
        expect(server.get(APPS + "new-slug/", ADMIN), 200);
    }

    @Test
    void patchApplicationWhenSlugTakenOrInvalidThen400() {
        create("keep-a");
        create("keep-b");
        assertThat(expect(server.send("PATCH", APPS + "keep-b/", ADMIN, obj("slug", "keep-a")), 400).propertyNames())
                .containsExactly("slug");
        assertThat(expect(server.send("PATCH", APPS + "keep-b/", ADMIN, obj("slug", "bad slug")), 400).propertyNames())
                .containsExactly("slug");
        expect(server.get(APPS + "keep-b/", ADMIN), 200);
    }

    @Test
    void putApplicationThenReplaced() {
        create("put-app");
        JsonNode after = expect(server.send("PUT", APPS + "put-app/", ADMIN, obj("name", "Put App", "slug", "put-app",
                "meta_description", "replaced")), 200);
        assertThat(after.get("name").asString()).isEqualTo("Put App");
        assertThat(after.get("meta_description").asString()).isEqualTo("replaced");
        JsonNode missing = expect(server.send("PUT", APPS + "put-app/", ADMIN, obj("name", "No slug")), 400);
        assertThat(missing.propertyNames()).containsExactly("slug");
    }

    @Test
    void deleteApplicationThen204AndGone() {
        create("delete-app");
        HttpResponse<String> r = server.send("DELETE", APPS + "delete-app/", ADMIN, null);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        expect(server.get(APPS + "delete-app/", ADMIN), 404);
    }
}
