package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** {@code core/brands/}: the default brand, CRUD with one default brand at all times, and pages using the title. */
class BrandsApiTest {
    private static final String BRANDS = "/api/v3/core/brands/";
    private static TestServer h2;
    private static TestServer postgres;

    @BeforeAll
    static void start() {
        h2 = TestServer.start();
        postgres = TestServer.startOnPostgres();
    }

    @AfterAll
    static void stop() {
        h2.close();
        postgres.close();
    }

    private static TestServer server(String kind) {
        return kind.equals("h2") ? h2 : postgres;
    }

    private static JsonNode defaultBrand(TestServer server) {
        JsonNode list = expect(server.get(BRANDS + "?default=true", ADMIN), 200).get("results");
        assertThat(list.size()).isEqualTo(1);
        return list.get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void theDefaultBrandsTitleIsEditableAndThePagesShowIt(String kind) {
        TestServer server = server(kind);
        JsonNode brand = defaultBrand(server);
        assertThat(brand.get("default").asBoolean()).isTrue();
        assertThat(brand.get("flow_authentication").isNull()).isFalse();
        String item = BRANDS + brand.get("brand_uuid").asString() + "/";
        JsonNode changed = expect(server.send("PATCH", item, ADMIN, obj("branding_title", "Our <Home>")), 200);
        assertThat(changed.get("branding_title").asString()).isEqualTo("Our <Home>");
        assertThat(changed.get("domain").asString()).isEqualTo(brand.get("domain").asString());
        assertThat(server.get("/if/flow/default-authentication-flow/", null).body())
                .contains("Our &lt;Home&gt;").doesNotContain("Our <Home>");
        expect(server.send("PATCH", item, ADMIN, obj("branding_title", brand.get("branding_title").asString())), 200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void oneBrandIsAlwaysTheDefaultAndDomainsAreUnique(String kind) {
        TestServer server = server(kind);
        JsonNode def = defaultBrand(server);
        String defItem = BRANDS + def.get("brand_uuid").asString() + "/";
        String domain = "brand-" + kind + ".test";

        assertThat(expect(server.send("POST", BRANDS, ADMIN, obj("branding_title", "x")), 400).get("domain").get(0)
                .asString()).isEqualTo("This field is required.");
        JsonNode created = expect(server.send("POST", BRANDS, ADMIN, obj("domain", domain,
                "branding_title", "Family")), 201);
        assertThat(created.get("default").asBoolean()).isFalse();
        assertThat(created.get("branding_title").asString()).isEqualTo("Family");
        String item = BRANDS + created.get("brand_uuid").asString() + "/";

        assertThat(expect(server.send("POST", BRANDS, ADMIN, obj("domain", domain)), 400).get("domain").get(0)
                .asString()).isEqualTo("Brand with this domain already exists.");
        assertThat(expect(server.send("PATCH", item, ADMIN, obj("default", true)), 400).get("default").get(0)
                .asString()).isEqualTo("Only a single brand can be set as default.");
        assertThat(expect(server.send("PATCH", defItem, ADMIN, obj("default", false)), 400).get("default").get(0)
                .asString()).contains("another brand the default");
        JsonNode refused = expect(server.send("PATCH", item, ADMIN, obj("flow_recovery",
                "00000000-0000-0000-0000-000000000001", "branding_title", "y".repeat(201))), 400);
        assertThat(refused.get("flow_recovery").get(0).asString()).contains("object does not exist");
        assertThat(refused.has("branding_title")).isTrue();
        assertThat(expect(server.send("PATCH", item, ADMIN, obj("flow_authentication",
                def.get("flow_authentication").asString())), 200).get("flow_authentication").asString())
                .isEqualTo(def.get("flow_authentication").asString());
        assertThat(expect(server.send("PATCH", item, ADMIN, "{\"flow_authentication\": null}"), 200)
                .get("flow_authentication").isNull()).isTrue();
        assertThat(expect(server.send("DELETE", defItem, ADMIN, null), 400).toString()).contains("cannot be deleted");
        assertThat(texts(expect(server.get(BRANDS + "?search=" + domain, ADMIN), 200).get("results"), "domain"))
                .isEqualTo(List.of(domain));
        expect(server.send("DELETE", item, ADMIN, null), 204);
        expect(server.get(item, ADMIN), 404);
        JsonNode events = expect(server.get("/api/v3/events/events/?action=model_deleted", ADMIN), 200).get("results");
        assertThat(events.toString()).contains(domain);
    }
}
