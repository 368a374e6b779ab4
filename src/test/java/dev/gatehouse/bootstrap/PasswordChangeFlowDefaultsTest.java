package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.policy.PolicyStore;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code default-password-change} as authentik's blueprint creates it (prompt with password twice and its password
 * policy, then user_write), for a signed-in user; created once, so an admin's deletion stays (H2, PostgreSQL).
 */
class PasswordChangeFlowDefaultsTest {
    private static void bootstrap(Database db) {
        new Bootstrap(db, new PasswordHasher(), new PrivateKeyCipher("test-secret-key"))
                .run(Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static List<String> stages(DSLContext dsl, Flow f) {
        return new FlowBindingStore(dsl).ofFlow(f.pk()).stream().sorted(Comparator.comparingInt(FlowStageBinding::order))
                .map(b -> new StageStore(dsl).byPk(b.stage()).orElseThrow())
                .map(s -> s.name() + ":" + s.type()).toList();
    }

    @ParameterizedTest
    @MethodSource("dev.gatehouse.testing.TestDatabases#kinds")
    void createdOnceWithThePromptThePolicyAndTheWrite(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            bootstrap(db);
            DSLContext dsl = db.dsl();
            Flow f = new FlowStore(dsl).bySlug(DefaultFlows.PASSWORD_CHANGE).orElseThrow();
            assertThat(f.designation()).isEqualTo("stage_configuration");
            assertThat(f.authentication()).isEqualTo("require_authenticated");
            assertThat(stages(dsl, f)).containsExactly("default-password-change-prompt:prompt",
                    "default-password-change-write:user_write");
            var prompt = new StageStore(dsl).byName("default-password-change-prompt").orElseThrow();
            var policy = new PolicyStore(dsl).byName(DefaultFlows.PASSWORD_CHANGE_POLICY).orElseThrow();
            assertThat(policy.type()).isEqualTo("password");
            assertThat(policy.config()).containsEntry("length_min", 8);
            assertThat(prompt.config().get("validation_policies")).isEqualTo(List.of(policy.pk().toString()));
            assertThat(new StageStore(dsl).byName("default-password-change-write").orElseThrow().config())
                    .containsEntry("user_creation_mode", "never_create");

            db.txRun(d -> new FlowStore(d).delete(f.pk()));
            bootstrap(db);
            assertThat(new FlowStore(dsl).bySlug(DefaultFlows.PASSWORD_CHANGE)).as("an admin's deletion stays").isEmpty();
        }
    }
}
