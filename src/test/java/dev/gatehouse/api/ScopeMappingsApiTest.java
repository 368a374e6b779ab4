package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code propertymappings/provider/scope/}: the defaults, CEL checked on save, CRUD. */
class ScopeMappingsApiTest {
    private static final String SCOPES = "/api/v3/propertymappings/provider/scope/";
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
    void defaultMappingsExistForTheStandardScopes() {
        JsonNode list = expect(server.get(SCOPES + "?page_size=50", ADMIN), 200);
        assertThat(texts(list.get("results"), "scope_name")).contains("openid", "email", "profile", "offline_access",
                "goauthentik.io/api");
        assertThat(texts(list.get("results"), "name")).contains("authentik default OAuth Mapping: OpenID 'email'");
    }

    @Test
    void anExpressionThatDoesNotCompileOrIsNotAMapIs400WithTheCompilerMessage() {
        JsonNode syntax = expect(server.send("POST", SCOPES, ADMIN, obj("name", "broken", "scope_name", "x",
                "expression", "{'a': user.name")), 400);
        assertThat(syntax.get("expression").get(0).asString()).contains("1:16").contains("expecting");
        JsonNode type = expect(server.send("POST", SCOPES, ADMIN, obj("name", "not a map", "scope_name", "x",
                "expression", "'just a string'")), 400);
        assertThat(type.get("expression").get(0).asString()).contains("map(string, dyn)");
        JsonNode unknown = expect(server.send("POST", SCOPES, ADMIN, obj("name", "unknown var", "scope_name", "x",
                "expression", "{'a': nobody.name}")), 400);
        assertThat(unknown.get("expression").get(0).asString()).contains("nobody");
        assertThat(texts(expect(server.get(SCOPES + "?search=broken", ADMIN), 200).get("results"), "name")).isEmpty();
    }

    @Test
    void nextcloudMappingRoundTrip() {
        String cel = "{'name': request.user.name, 'groups': ak_is_group_member(user, 'nextcloud Admins') ? ['admin'] : [], "
                + "'quota': user.group_attributes.?nextcloud_quota.orValue(null), "
                + "'user_id': user.attributes.?nextcloud_user_id.orValue(user.username)}";
        JsonNode created = expect(server.send("POST", SCOPES, ADMIN, obj("name", "Nextcloud Profile",
                "scope_name", "profile", "expression", cel)), 201);
        assertThat(created.get("component").asString()).isEqualTo("ak-property-mapping-provider-scope-form");
        assertThat(created.get("managed").isNull()).isTrue();
        String pk = created.get("pk").asString();
        JsonNode patched = expect(server.send("PATCH", SCOPES + pk + "/", ADMIN, obj("description", "Nextcloud")), 200);
        assertThat(patched.get("description").asString()).isEqualTo("Nextcloud");
        assertThat(patched.get("expression").asString()).isEqualTo(cel);
        expect(server.send("PATCH", SCOPES + pk + "/", ADMIN, obj("expression", "1 +")), 400);
        assertThat(expect(server.send("POST", SCOPES, ADMIN, obj("name", "Nextcloud Profile", "scope_name", "p",
                "expression", "{}")), 400).propertyNames()).containsExactly("name");
        expect(server.send("DELETE", SCOPES + pk + "/", ADMIN, null), 204);
        expect(server.get(SCOPES + pk + "/", ADMIN), 404);
        expect(server.get(SCOPES + "not-a-uuid/", ADMIN), 404);
    }
}
