package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Scope mappings in authentik's Python through the API: the seed's Nextcloud mapping saves; a refusal is a 400. */
class PythonScopeMappingsApiTest {
    private static final String SCOPES = "/api/v3/propertymappings/provider/scope/";

    @Test
    void seedNextcloudMappingSavesAndBadPythonIs400WithPosition() throws IOException {
        String python;
        try (InputStream in = getClass().getResourceAsStream("/seeds/nextcloud_profile_mapping.py")) {
            python = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (TestServer server = TestServer.start()) {
            JsonNode created = expect(server.send("POST", SCOPES, ADMIN, obj("name", "Nextcloud Profile (Python)",
                    "scope_name", "profile", "expression", python)), 201);
            assertThat(created.get("expression").asString()).isEqualTo(python);
            String pk = created.get("pk").asString();
            JsonNode bad = expect(server.send("PATCH", SCOPES + pk + "/", ADMIN,
                    obj("expression", "groups = []\nreturn {'g': groups, 'x': open('/etc/passwd')}")), 400);
            assertThat(bad.get("expression").get(0).asString())
                    .startsWith("ERROR: expression:2:27: 'open' is not allowed in expressions");
            JsonNode notMap = expect(server.send("PATCH", SCOPES + pk + "/", ADMIN,
                    obj("expression", "return usr.name")), 400);
            assertThat(notMap.get("expression").get(0).asString()).contains("expression:1:8: name 'usr' is not defined");
        }
    }
}
