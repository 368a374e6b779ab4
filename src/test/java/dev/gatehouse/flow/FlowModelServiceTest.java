package dev.gatehouse.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.GroupChanges;
import dev.gatehouse.core.GroupService;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.policy.PolicyBindingChanges;
import dev.gatehouse.policy.PolicyBindingService;
import dev.gatehouse.policy.PolicyBindingStore;
import dev.gatehouse.policy.PolicyService;
import dev.gatehouse.policy.PolicyTypes;
import dev.gatehouse.stage.StageService;
import dev.gatehouse.flow.engine.StageTypes;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Flows, stages, bindings, policies and policy bindings stored through their services, on H2 and PostgreSQL. */
class FlowModelServiceTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static Flow flow(Database db, String slug) {
        return new FlowService(db).create(Actor.SYSTEM,
                new FlowChanges(slug, slug + " name", slug + " title", "authentication", null, null, null, null, null, null));
    }

    private static Stage stage(Database db, String type, String name, Map<String, Object> config) {
        return new StageService(db).create(Actor.SYSTEM, StageTypes.byName(type).orElseThrow(), name, config);
    }

    private static FlowStageBinding bind(Database db, Flow f, Stage s, int order) {
        return new FlowBindingService(db).create(Actor.SYSTEM,
                new FlowBindingChanges(f.pk(), s.pk(), order, null, null, null, null));
    }

    private static long count(Database db, String table) {
        return ((Number) db.dsl().fetchValue("SELECT COUNT(*) FROM " + table)).longValue();
    }

    private static void assertInvalid(ThrowingCallable call, String... fields) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.errors()).containsOnlyKeys(fields));
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void flowCreateUpdateDeleteThenStoredWithDefaultsAndEvents(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            long events = count(db, "events_event");
            Flow f = flow(db, "login");
            assertThat(f.authentication()).isEqualTo("none");
            assertThat(f.deniedAction()).isEqualTo("message_continue");
            assertThat(f.layout()).isEqualTo("stacked");
            assertThat(f.policyEngineMode()).isEqualTo("any");

            Flow changed = new FlowService(db).update(Actor.SYSTEM, f.pk(), new FlowChanges(null, null, "New title",
                    null, "require_unauthenticated", null, "sidebar_left", "all", true, null));
            assertThat(new FlowStore(db.dsl()).bySlug("login")).contains(changed);
            assertThat(changed.title()).isEqualTo("New title");
            assertThat(changed.layout()).isEqualTo("sidebar_left");
            assertThat(changed.compatibilityMode()).isTrue();

            new FlowService(db).delete(Actor.SYSTEM, f.pk());
            assertThat(new FlowStore(db.dsl()).byPk(f.pk())).isEmpty();
            assertThat(db.dsl().fetch("SELECT action FROM events_event ORDER BY created").getValues(0, String.class)
                    .subList((int) events, (int) events + 3))
                    .containsExactly("model_created", "model_updated", "model_deleted");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void flowWhenSlugTakenOrBadChoiceThenFieldErrorsAndNothingWritten(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            flow(db, "taken");
            long events = count(db, "events_event");
            assertInvalid(() -> flow(db, "taken"), "slug");
            assertInvalid(() -> new FlowService(db).create(Actor.SYSTEM, new FlowChanges("other", "n", "t", "login",
                    "nobody", null, "diagonal", null, null, null)), "designation", "authentication", "layout");
            assertThat(count(db, "flows_flow")).isEqualTo(1);
            assertThat(count(db, "events_event")).isEqualTo(events);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void bindingWhenStageAndOrderTakenInSameFlowThenRefusedButAnotherStageOrFlowAccepts(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Flow a = flow(db, "a");
            Flow b = flow(db, "b");
            Stage s = stage(db, "deny", "deny", Map.of());
            bind(db, a, s, 10);
            assertInvalid(() -> bind(db, a, s, 10), "non_field_errors");
            assertThat(bind(db, b, s, 10).order()).isEqualTo(10);
            FlowStageBinding other = bind(db, a, stage(db, "deny", "other-deny", Map.of()), 10);
            assertThat(other.order()).as("authentik's unique set is target, stage, order").isEqualTo(10);
            new FlowBindingService(db).delete(Actor.SYSTEM, other.pk());
            FlowStageBinding second = bind(db, a, s, 20);
            assertInvalid(() -> new FlowBindingService(db).update(Actor.SYSTEM, second.pk(),
                    new FlowBindingChanges(null, null, 10, null, null, null, null)), "non_field_errors");
            assertInvalid(() -> new FlowBindingService(db).update(Actor.SYSTEM, second.pk(),
                    new FlowBindingChanges(null, null, null, null, null, "explode", null)), "invalid_response_action");
            assertThat(new FlowBindingStore(db.dsl()).ofFlow(a.pk())).extracting(FlowStageBinding::order)
                    .containsExactly(10, 20);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void stageConfigThenDefaultsMergedUnknownKeysDroppedAndBadValuesNamed(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Stage pw = stage(db, "password", "pw", Map.of("failed_attempts_before_cancel", 3, "bogus", 1));
            assertThat(pw.config()).containsEntry("failed_attempts_before_cancel", 3)
                    .containsEntry("allow_show_password", false).doesNotContainKey("bogus");
            assertThat(new StageStore(db.dsl()).byPk(pw.pk()).orElseThrow().config()).isEqualTo(pw.config());
            assertInvalid(() -> stage(db, "password", "pw2", Map.of("failed_attempts_before_cancel", -1)),
                    "failed_attempts_before_cancel");
            assertInvalid(() -> stage(db, "password", "pw", Map.of()), "name");
            Stage deny = stage(db, "deny", "deny", Map.of());
            assertInvalid(() -> stage(db, "identification", "id", Map.of("password_stage", deny.pk().toString(),
                    "user_fields", java.util.List.of("phone"))), "password_stage", "user_fields");
            assertThat(stage(db, "identification", "id", Map.of("password_stage", pw.pk().toString())).config())
                    .containsEntry("password_stage", pw.pk().toString());
            assertInvalid(() -> stage(db, "user_login", "login", Map.of("session_duration", "hours:1")),
                    "session_duration");
            assertThat(stage(db, "user_login", "login", Map.of("session_duration", "hours=1;minutes=2")).config())
                    .containsEntry("session_duration", "hours=1;minutes=2");
            assertInvalid(() -> stage(db, "user_write", "write", Map.of("create_users_group", UUID.randomUUID().toString())),
                    "create_users_group");
            assertInvalid(() -> stage(db, "prompt", "prompt", Map.of("fields",
                    java.util.List.of(UUID.randomUUID().toString()))), "fields");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deleteFlowThenItsBindingsAndTheirPolicyBindingsAreGone(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Flow f = flow(db, "doomed");
            Flow kept = flow(db, "kept");
            Stage s = stage(db, "deny", "deny", Map.of());
            FlowStageBinding fsb = bind(db, f, s, 10);
            Policy p = new PolicyService(db).create(Actor.SYSTEM, PolicyTypes.byName("dummy").orElseThrow(), "p", null,
                    Map.of("result", true));
            PolicyBindingService pbs = new PolicyBindingService(db);
            pbs.create(Actor.SYSTEM, binding(fsb.pk(), Optional.of(p.pk()), null, 0));
            pbs.create(Actor.SYSTEM, binding(f.pk(), Optional.of(p.pk()), null, 0));
            PolicyBinding survivor = pbs.create(Actor.SYSTEM, binding(kept.pk(), Optional.of(p.pk()), null, 0));
            assertThat(survivor.targetKind()).isEqualTo(PolicyBinding.TargetKind.FLOW);

            new FlowService(db).delete(Actor.SYSTEM, f.pk());

            assertThat(count(db, "flows_flowstagebinding")).isZero();
            assertThat(new PolicyBindingStore(db.dsl()).list(dev.gatehouse.store.PageRequest.all()).results())
                    .containsExactly(survivor);
            new PolicyService(db).delete(Actor.SYSTEM, p.pk(), null);
            assertThat(count(db, "policies_policybinding")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void policyBindingWhenNoneOrTwoSubjectsThenNonFieldError(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Flow f = flow(db, "f");
            UUID group = new GroupService(db).create(Actor.SYSTEM, new GroupChanges("g", null, null, null, null)).pk();
            Policy p = new PolicyService(db).create(Actor.SYSTEM, PolicyTypes.byName("expression").orElseThrow(), "e",
                    null, Map.of("expression", "true"));
            PolicyBindingService pbs = new PolicyBindingService(db);
            assertInvalid(() -> pbs.create(Actor.SYSTEM, binding(f.pk(), Optional.empty(), null, 0)), "non_field_errors");
            assertInvalid(() -> pbs.create(Actor.SYSTEM, binding(f.pk(), Optional.of(p.pk()), Optional.of(group), 0)),
                    "non_field_errors");
            assertInvalid(() -> pbs.create(Actor.SYSTEM, binding(UUID.randomUUID(), null, Optional.of(group), 0)),
                    "target");
            PolicyBinding b = pbs.create(Actor.SYSTEM, binding(f.pk(), null, Optional.of(group), 5));
            assertThat(b.group()).isEqualTo(group);
            assertThat(b.timeout()).isEqualTo(30);
            assertThat(b.enabled()).isTrue();
            assertThat(count(db, "policies_policybinding")).isEqualTo(1);
        }
    }

    private static PolicyBindingChanges binding(UUID target, Optional<UUID> policy, Optional<UUID> group, int order) {
        return new PolicyBindingChanges(target, policy, group, null, null, null, order, null, null);
    }
}
