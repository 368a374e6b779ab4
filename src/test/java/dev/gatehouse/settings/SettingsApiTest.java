package dev.gatehouse.settings;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.core.Actor;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * The system settings singleton: authentik's defaults until set, then what was set (only the given fields change),
 * on H2 and PostgreSQL; and {@code admin/settings/} (GET, PUT, PATCH) for superusers, with field errors.
 */
class SettingsApiTest {
    private static final String PATH = "/api/v3/admin/settings/";

    @ParameterizedTest
    @MethodSource("dev.gatehouse.testing.TestDatabases#kinds")
    void defaultsUntilSetThenOnlyTheGivenFieldsChange(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            SettingsService settings = new SettingsService(db);
            SystemSettings defaults = settings.get();
            assertThat(defaults.defaultUserChangeName()).isTrue();
            assertThat(defaults.defaultUserChangeEmail()).isFalse();
            assertThat(defaults.defaultUserChangeUsername()).isFalse();
            assertThat(defaults.eventRetention()).isEqualTo("days=365");
            assertThat(defaults.defaultTokenDuration()).isEqualTo("minutes=30");
            assertThat(defaults.defaultTokenLength()).isEqualTo(60);
            assertThat(defaults.footerLinks()).isEmpty();
            assertThat(defaults.gdprCompliance()).isTrue();
            assertThat(defaults.impersonation()).isTrue();
            assertThat(defaults.avatars()).isEqualTo("gravatar,initials");

            settings.update(Actor.SYSTEM, new SettingsService.Changes(null, false, true, null, "days=30",
                    List.of(Map.of("name", "Help", "href", "https://help.example.org")), null, null, null, 80));
            settings.update(Actor.SYSTEM, new SettingsService.Changes(null, null, null, true, null, null, false, null,
                    null, null));
            SystemSettings now = new SettingsService(db).get();
            assertThat(now.defaultUserChangeName()).isFalse();
            assertThat(now.defaultUserChangeEmail()).isTrue();
            assertThat(now.defaultUserChangeUsername()).isTrue();
            assertThat(now.eventRetention()).isEqualTo("days=30");
            assertThat(now.footerLinks()).containsExactly(Map.of("name", "Help", "href", "https://help.example.org"));
            assertThat(now.gdprCompliance()).isFalse();
            assertThat(now.impersonation()).isTrue();
            assertThat(now.defaultTokenLength()).isEqualTo(80);
        }
    }

    private static TestServer server(String kind) {
        return kind.equals("h2") ? TestServer.start() : TestServer.startOnPostgres();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void superusersReadReplaceAndChangeTheSettings(String kind) {
        try (TestServer server = server(kind)) {
            JsonNode read = expect(server.get(PATH, ADMIN), 200);
            assertThat(read.get("default_user_change_name").booleanValue()).isTrue();
            assertThat(read.get("default_user_change_email").booleanValue()).isFalse();
            assertThat(read.get("default_user_change_username").booleanValue()).isFalse();
            assertThat(read.get("event_retention").asString()).isEqualTo("days=365");
            assertThat(read.get("default_token_length").asInt()).isEqualTo(60);
            assertThat(read.get("footer_links").isArray()).isTrue();

            JsonNode patched = expect(server.send("PATCH", PATH, ADMIN, obj("default_user_change_email", true,
                    "footer_links", List.of(Map.of("name", "Imprint", "href", "/imprint")))), 200);
            assertThat(patched.get("default_user_change_email").booleanValue()).isTrue();
            assertThat(patched.get("default_user_change_name").booleanValue()).isTrue();
            JsonNode put = expect(server.send("PUT", PATH, ADMIN, obj("event_retention", "days=90;hours=12",
                    "default_token_duration", "hours=2")), 200);
            assertThat(put.get("event_retention").asString()).isEqualTo("days=90;hours=12");
            JsonNode again = expect(server.get(PATH, ADMIN), 200);
            assertThat(again.get("default_user_change_email").booleanValue()).isTrue();
            assertThat(again.get("default_token_duration").asString()).isEqualTo("hours=2");
            assertThat(again.get("footer_links").get(0).get("href").asString()).isEqualTo("/imprint");

            JsonNode bad = expect(server.send("PATCH", PATH, ADMIN, obj("event_retention", "forever",
                    "default_token_length", 0,
                    "footer_links", List.of(Map.of("name", "x", "href", "javascript:alert(1)")))), 400);
            assertThat(bad.get("event_retention").get(0).asString()).contains("days=365");
            assertThat(bad.get("default_token_length").get(0).asString()).contains("greater than or equal to 1");
            assertThat(expect(server.send("PATCH", PATH, ADMIN, obj("default_user_change_name", "yes")), 400)
                    .get("default_user_change_name").get(0).asString()).isEqualTo("Must be a valid boolean.");
            assertThat(bad.get("footer_links").get(0).asString()).contains("https://");
            assertThat(expect(server.get(PATH, ADMIN), 200).get("event_retention").asString())
                    .isEqualTo("days=90;hours=12");
            assertThat(ApiTestSupport.modelEvents(server, "model_updated", "System settings")).isNotEmpty();

            long user = ApiTestSupport.createUser(server, "settings-reader");
            String key = ApiTestSupport.createToken(server, "settings-reader-key", "api", user);
            assertThat(server.get(PATH, key).statusCode()).isEqualTo(403);
            assertThat(server.send("PATCH", PATH, key, obj("default_user_change_email", false)).statusCode())
                    .isEqualTo(403);
        }
    }
}
