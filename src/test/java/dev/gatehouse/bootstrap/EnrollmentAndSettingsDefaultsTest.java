package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.BrandStore;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.stage.prompt.Prompt;
import dev.gatehouse.stage.prompt.PromptStageType;
import dev.gatehouse.stage.prompt.PromptStore;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default flows built on prompts, as authentik's blueprints name them: source enrollment, user settings (the
 * default brand's), and the prompts of initial setup and password change (H2, PostgreSQL).
 */
class EnrollmentAndSettingsDefaultsTest {
    private static void bootstrap(Database db) {
        new Bootstrap(db, new PasswordHasher(), new PrivateKeyCipher("test-secret-key"))
                .run(Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static List<String> stages(DSLContext dsl, String slug) {
        Flow f = new FlowStore(dsl).bySlug(slug).orElseThrow();
        return new FlowBindingStore(dsl).ofFlow(f.pk()).stream().sorted(Comparator.comparingInt(FlowStageBinding::order))
                .map(b -> b.order() + " " + new StageStore(dsl).byPk(b.stage()).orElseThrow().name()).toList();
    }

    /** The prompt stage's prompts: name, field key, type, order. */
    private static List<String> prompts(DSLContext dsl, String stage) {
        Stage s = new StageStore(dsl).byName(stage).orElseThrow();
        List<UUID> pks = PromptStageType.Config.DEFINITION.typed(s.config()).fields();
        Map<UUID, Prompt> byPk = new PromptStore(dsl).byPks(pks);
        return pks.stream().map(byPk::get).map(p -> p.name() + " " + p.fieldKey() + " " + p.type() + " " + p.order()
                + (p.required() ? " required" : "")).toList();
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.testing.TestDatabases#kinds")
    void defaultFlowsNameTheirPromptsAsAuthentiksBlueprints(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            bootstrap(db);
            DSLContext dsl = db.dsl();
            Flow enrollment = new FlowStore(dsl).bySlug(DefaultFlows.SOURCE_ENROLLMENT).orElseThrow();
            assertThat(enrollment.designation()).isEqualTo("enrollment");
            assertThat(enrollment.authentication()).isEqualTo("none");
            assertThat(stages(dsl, DefaultFlows.SOURCE_ENROLLMENT)).containsExactly("0 default-source-enrollment-prompt",
                    "1 default-source-enrollment-write", "2 default-source-enrollment-login");
            assertThat(prompts(dsl, "default-source-enrollment-prompt")).containsExactly(
                    "default-source-enrollment-field-username username username 100 required",
                    "default-user-settings-field-name name text 201 required",
                    "default-user-settings-field-email email email 202 required",
                    "initial-setup-field-password password password 300 required",
                    "initial-setup-field-password-repeat password_repeat password 301 required");

            Flow settings = new FlowStore(dsl).bySlug(DefaultFlows.USER_SETTINGS).orElseThrow();
            assertThat(settings.title()).isEqualTo("Update your info");
            assertThat(settings.designation()).isEqualTo("stage_configuration");
            assertThat(settings.authentication()).isEqualTo("require_authenticated");
            assertThat(stages(dsl, DefaultFlows.USER_SETTINGS)).containsExactly("20 default-user-settings",
                    "100 default-user-settings-write");
            assertThat(prompts(dsl, "default-user-settings")).containsExactly(
                    "default-user-settings-field-username username username 200 required",
                    "default-user-settings-field-name name text 201 required",
                    "default-user-settings-field-email email email 202 required");
            assertThat(new StageStore(dsl).byName("default-user-settings-write").orElseThrow().config())
                    .containsEntry("user_creation_mode", "never_create");
            assertThat(new BrandStore(dsl).defaultBrand().orElseThrow().flowUserSettings()).isEqualTo(settings.pk());

            assertThat(prompts(dsl, "initial-setup-prompt")).containsExactly(
                    "initial-setup-field-email email email 101 required",
                    "initial-setup-field-password password password 300 required",
                    "initial-setup-field-password-repeat password_repeat password 301 required");
            assertThat(prompts(dsl, "default-password-change-prompt")).containsExactly(
                    "default-password-change-field-password password password 300 required",
                    "default-password-change-field-password-repeat password_repeat password 301 required");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.testing.TestDatabases#kinds")
    void createdOnceSoAnAdminsChangesStay(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            bootstrap(db);
            DSLContext dsl = db.dsl();
            Flow settings = new FlowStore(dsl).bySlug(DefaultFlows.USER_SETTINGS).orElseThrow();
            db.txRun(d -> new FlowStore(d).delete(settings.pk()));
            db.txRun(d -> new PromptStore(d).delete(new PromptStore(d).byName(DefaultPrompts.USER_SETTINGS_NAME)
                    .orElseThrow().pk()));
            bootstrap(db);
            assertThat(new FlowStore(dsl).bySlug(DefaultFlows.USER_SETTINGS)).isEmpty();
            assertThat(new PromptStore(dsl).byName(DefaultPrompts.USER_SETTINGS_NAME)).isEmpty();
        }
    }
}
