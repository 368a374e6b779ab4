package dev.gatehouse.stage.email;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.flow.StageStore;
import dev.gatehouse.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v3/stages/email/} as authentik's: its defaults, the SMTP password written but never read back, and a
 * 400 per field for a template or a token expiry that cannot be used.
 */
class EmailStageApiTest {

    @Test
    void emailStageIsCreatedWithAuthentikDefaultsAndItsPasswordIsNeverShown() {
        try (TestServer server = TestServer.start()) {
            JsonNode created = expect(server.send("POST", "/api/v3/stages/email/", ADMIN, obj("name", "recovery-email",
                    "subject", "Authentik password recovery", "use_global_settings", false, "host", "smtp.example.org",
                    "password", "smtp-secret")), 201);
            assertThat(created.get("component").asString()).isEqualTo("ak-stage-email-form");
            assertThat(created.get("use_global_settings").asBoolean()).isFalse();
            assertThat(created.get("token_expiry").asString()).isEqualTo("minutes=30");
            assertThat(created.get("template").asString()).isEqualTo("email/password_reset.html");
            assertThat(created.get("subject").asString()).isEqualTo("Authentik password recovery");
            assertThat(created.get("activate_user_on_success").asBoolean()).isFalse();
            assertThat(created.has("password")).isFalse();
            String pk = created.get("pk").asString();

            JsonNode patched = expect(server.send("PATCH", "/api/v3/stages/email/" + pk + "/", ADMIN,
                    obj("template", "email/account_confirmation.html")), 200);
            assertThat(patched.has("password")).isFalse();
            assertThat(server.get("/api/v3/stages/email/" + pk + "/", ADMIN).body()).doesNotContain("smtp-secret");
            assertThat(new StageStore(server.gatehouse().database().dsl()).byPk(UUID.fromString(pk)).orElseThrow()
                    .config()).as("kept by a PATCH that does not name it").containsEntry("password", "smtp-secret");

            JsonNode bad = expect(server.send("POST", "/api/v3/stages/email/", ADMIN, obj("name", "bad",
                    "template", "../../etc/passwd.html", "token_expiry", "30")), 400);
            assertThat(bad.has("template")).isTrue();
            assertThat(bad.has("token_expiry")).isTrue();
        }
    }
}
