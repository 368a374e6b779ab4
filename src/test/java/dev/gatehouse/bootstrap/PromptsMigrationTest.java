package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Json;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.stage.prompt.Prompt;
import dev.gatehouse.stage.prompt.PromptField;
import dev.gatehouse.stage.prompt.PromptStageType;
import dev.gatehouse.stage.prompt.PromptStore;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * V20 on an installation made before prompts were objects: each prompt stage's inline fields become prompts (with
 * authentik's names for the bootstrap's stages), the stage names them by pk in the same order, and the bootstrap
 * then finds them instead of creating them again (H2 and PostgreSQL).
 */
class PromptsMigrationTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static Map<String, Object> field(String key, String type, int order, Object... more) {
        Map<String, Object> f = new java.util.LinkedHashMap<>(Map.of("field_key", key, "label", key.toUpperCase(),
                "type", type, "required", true, "order", order));
        for (int i = 0; i < more.length; i += 2) {
            f.put((String) more[i], more[i + 1]);
        }
        return f;
    }

    private static void stage(Database db, String name, List<Map<String, Object>> fields, List<String> policies) {
        db.dsl().execute("INSERT INTO flows_stage (uuid, name, stage_type, config, created) "
                + "VALUES (?, ?, 'prompt', ?, CURRENT_TIMESTAMP)", UUID.randomUUID(), name,
                Json.write(Map.of("fields", fields, "validation_policies", policies)));
    }

    /** A database at V18 with prompt stages as the code before V20 stored them. */
    private static Database installedBeforeV20(String kind) {
        Database db = TestDatabases.openUnmigrated(kind);
        Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target("18").load().migrate();
        stage(db, "signup", List.of(
                field("username", "username", 1),
                field("team", "dropdown", 3, "required", false, "choices", List.of("red", "blue")),
                field("motd", "static", 2, "initial_value", "Welcome", "sub_text", "Read me")), List.of());
        stage(db, "initial-setup-prompt", List.of(field("email", "email", 100, "placeholder", "Admin email"),
                field("password", "password", 300), field("password_repeat", "password", 301)), List.of());
        stage(db, "empty", List.of(), List.of());
        return db;
    }

    private static Stage stage(Database db, String name) {
        return new StageStore(db.dsl()).byName(name).orElseThrow();
    }

    private static List<String> promptNames(Database db, Stage s) {
        Map<UUID, Prompt> prompts = new PromptStore(db.dsl()).byPks(fields(s));
        return fields(s).stream().map(pk -> prompts.get(pk).name()).toList();
    }

    private static List<UUID> fields(Stage s) {
        return PromptStageType.Config.DEFINITION.typed(s.config()).fields();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void inlineFieldsBecomePromptsTheStageNamesInOrder(String kind) {
        try (Database db = installedBeforeV20(kind)) {
            assertThat(db.migrate()).as("V20 and the migrations after it").isPositive();

            Stage signup = stage(db, "signup");
            assertThat(promptNames(db, signup)).containsExactly("signup-field-username", "signup-field-team",
                    "signup-field-motd");
            assertThat(signup.config().get("validation_policies")).isEqualTo(List.of());
            Prompt team = new PromptStore(db.dsl()).byName("signup-field-team").orElseThrow();
            assertThat(team).isEqualTo(new Prompt(team.pk(), "signup-field-team", "team", "TEAM", "dropdown", false, "",
                    "", "", 3, false, false, List.of("red", "blue")));
            List<PromptField> shown = PromptField.of(db.dsl(), PromptStageType.Config.DEFINITION.typed(signup.config()));
            assertThat(shown.stream().map(PromptField::fieldKey)).as("by each prompt's order")
                    .containsExactly("username", "motd", "team");
            assertThat(shown.get(1).initialValue()).isEqualTo("Welcome");
            assertThat(shown.get(1).subText()).isEqualTo("Read me");

            assertThat(promptNames(db, stage(db, "initial-setup-prompt"))).as("authentik's names for the defaults")
                    .containsExactly("initial-setup-field-email", "initial-setup-field-password",
                            "initial-setup-field-password-repeat");
            assertThat(fields(stage(db, "empty"))).isEmpty();

            new Bootstrap(db, new PasswordHasher(), new PrivateKeyCipher("test-secret-key"))
                    .run(Optional.empty(), Optional.empty(), Optional.empty());
            assertThat(db.dsl().fetchCount(db.dsl().selectFrom("stages_prompt").where("name LIKE 'initial-setup-field-%'")))
                    .as("the bootstrap uses the migrated prompts").isEqualTo(3);
            assertThat(promptNames(db, stage(db, "default-source-enrollment-prompt"))).contains(
                    "initial-setup-field-password", "initial-setup-field-password-repeat");
            assertThat(new FlowStore(db.dsl()).bySlug(DefaultFlows.USER_SETTINGS)).as("new defaults on an existing install")
                    .isPresent();
        }
    }
}
