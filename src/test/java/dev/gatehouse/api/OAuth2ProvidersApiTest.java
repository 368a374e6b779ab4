package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** {@code providers/oauth2/}: CRUD, generated client credentials, redirect URI rules; on H2 and PostgreSQL. */
class OAuth2ProvidersApiTest {
    private static final String OAUTH2 = "/api/v3/providers/oauth2/";
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

    private static String flowPk(TestServer server, String slug) {
        return expect(server.get("/api/v3/flows/instances/" + slug + "/", ADMIN), 200).get("pk").asString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void createGeneratesClientCredentialsAndAppliesAuthentikDefaults(String kind) {
        TestServer server = server(kind);
        String flow = flowPk(server, "default-provider-authorization-implicit-consent");
        JsonNode p = expect(server.send("POST", OAUTH2, ADMIN, obj("name", "Nextcloud " + kind, "authorization_flow", flow,
                "redirect_uris", List.of(Map.of("matching_mode", "strict", "url", "https://nc.example.org/apps/user_oidc/code")))),
                201);
        assertThat(p.get("client_id").asString()).hasSize(40);
        assertThat(p.get("client_secret").asString()).hasSize(128);
        assertThat(p.get("client_type").asString()).isEqualTo("confidential");
        assertThat(p.get("access_code_validity").asString()).isEqualTo("minutes=1");
        assertThat(p.get("access_token_validity").asString()).isEqualTo("hours=1");
        assertThat(p.get("refresh_token_validity").asString()).isEqualTo("days=30");
        assertThat(p.get("sub_mode").asString()).isEqualTo("hashed_user_id");
        assertThat(p.get("issuer_mode").asString()).isEqualTo("per_provider");
        assertThat(p.get("include_claims_in_id_token").booleanValue()).isTrue();
        assertThat(p.get("component").asString()).isEqualTo("ak-provider-oauth2-form");
        assertThat(p.get("redirect_uris").get(0).get("redirect_uri_type").asString()).isEqualTo("authorization");
        long pk = p.get("pk").asLong();
        // defaults as authentik's UI preselects them: the self-signed pair and the openid/email/profile/offline_access scopes
        JsonNode defaultKey = expect(server.get("/api/v3/crypto/certificatekeypairs/?name="
                + "authentik%20Self-signed%20Certificate", ADMIN), 200).get("results").get(0);
        assertThat(p.get("signing_key").asString()).isEqualTo(defaultKey.get("pk").asString());
        JsonNode scopes = expect(server.get("/api/v3/propertymappings/provider/scope/?page_size=100", ADMIN), 200);
        java.util.Set<String> defaultScopes = new java.util.HashSet<>();
        for (JsonNode m : scopes.get("results")) {
            if (List.of("openid", "email", "profile", "offline_access").contains(m.get("scope_name").asString())
                    && !m.get("managed").isNull()) {
                defaultScopes.add(m.get("pk").asString());
            }
        }
        assertThat(p.get("property_mappings").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrderElementsOf(defaultScopes).hasSize(4);
        assertThat(expect(server.send("DELETE", "/api/v3/crypto/certificatekeypairs/" + defaultKey.get("pk").asString()
                + "/", ADMIN, null), 400).toString()).contains("Nextcloud " + kind);

        expect(server.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", "Nextcloud", "slug", "nextcloud-" + kind,
                "provider", pk)), 201);
        JsonNode got = expect(server.get(OAUTH2 + pk + "/", ADMIN), 200);
        assertThat(got.get("assigned_application_slug").asString()).isEqualTo("nextcloud-" + kind);
        assertThat(texts(expect(server.get(OAUTH2, ADMIN), 200).get("results"), "name")).contains("Nextcloud " + kind);
        assertThat(texts(expect(server.get("/api/v3/providers/all/", ADMIN), 200).get("results"), "name"))
                .contains("Nextcloud " + kind);

        JsonNode patched = expect(server.send("PATCH", OAUTH2 + pk + "/", ADMIN, obj("client_type", "public",
                "redirect_uris", List.of(Map.of("matching_mode", "regex", "url", "https://[a-z]+\\.example\\.org/cb"),
                        Map.of("url", "https://nc.example.org/", "redirect_uri_type", "logout")))), 200);
        assertThat(patched.get("client_type").asString()).isEqualTo("public");
        assertThat(patched.get("client_id").asString()).isEqualTo(p.get("client_id").asString());
        assertThat(patched.get("redirect_uris")).hasSize(2);
        assertThat(patched.get("redirect_uris").get(1).get("redirect_uri_type").asString()).isEqualTo("logout");

        expect(server.send("DELETE", OAUTH2 + pk + "/", ADMIN, null), 204);
        expect(server.get(OAUTH2 + pk + "/", ADMIN), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void badConfigurationIs400NamingTheFieldAndChangesNothing(String kind) {
        TestServer server = server(kind);
        String flow = flowPk(server, "default-provider-authorization-implicit-consent");
        Map<String, Object> cases = new java.util.LinkedHashMap<>();
        cases.put("client_type", "secret-ish");
        cases.put("sub_mode", "user_shoe_size");
        cases.put("access_token_validity", "forever");
        cases.put("redirect_uris", List.of(Map.of("matching_mode", "regex", "url", "https://(unclosed")));
        cases.put("signing_key", "not-a-uuid");
        cases.put("property_mappings", List.of("00000000-0000-0000-0000-000000000000"));
        cases.put("authentication_flow", "00000000-0000-0000-0000-000000000000");
        int before = expect(server.get(OAUTH2, ADMIN), 200).get("pagination").get("count").asInt();
        cases.forEach((field, value) -> assertThat(expect(server.send("POST", OAUTH2, ADMIN, obj("name", "bad " + field,
                "authorization_flow", flow, field, value)), 400).propertyNames()).as(field).containsExactly(field));
        assertThat(expect(server.send("POST", OAUTH2, ADMIN, obj("name", "bad key", "authorization_flow", flow,
                "signing_key", "00000000-0000-0000-0000-000000000000")), 400).propertyNames()).containsExactly("signing_key");
        assertThat(expect(server.send("POST", OAUTH2, ADMIN, obj("name", "no flow")), 400).propertyNames())
                .containsExactly("authorization_flow");
        expect(server.send("POST", OAUTH2, ADMIN, obj("name", "dup-" + kind, "authorization_flow", flow,
                "client_id", "same-client-" + kind)), 201);
        assertThat(expect(server.send("POST", OAUTH2, ADMIN, obj("name", "dup2-" + kind, "authorization_flow", flow,
                "client_id", "same-client-" + kind)), 400).propertyNames()).containsExactly("client_id");
        assertThat(expect(server.get(OAUTH2, ADMIN), 200).get("pagination").get("count").asInt()).isEqualTo(before + 1);
    }
}
