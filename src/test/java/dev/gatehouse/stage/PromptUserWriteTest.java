package dev.gatehouse.stage;

import dev.gatehouse.flow.engine.StageTypes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.core.EventStore;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserService;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowEffect;
import dev.gatehouse.flow.engine.FlowExecutor;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.flow.engine.FlowPlan;
import dev.gatehouse.flow.engine.FlowPlanner;
import dev.gatehouse.flow.engine.FlowRequest;
import dev.gatehouse.flow.engine.FlowServices;
import dev.gatehouse.policy.PolicyStore;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.throttle.LoginThrottle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The prompt stage's checks and the user_write stage's writes, run through the flow executor on H2 and PostgreSQL. */
class PromptUserWriteTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final PasswordHasher HASHER = new PasswordHasher();

    private record Fixture(Database db, FlowPlanner planner, FlowExecutor executor, UserService users) {
        DSLContext s() {
            return db.dsl();
        }

        /** A flow of prompt (10) → user_write (20) with the given configs. */
        Flow flow(String slug, List<Map<String, Object>> fields, List<String> validationPolicies,
                  Map<String, Object> writeConfig) {
            Flow f = new Flow(UUID.randomUUID(), slug, slug, slug, "enrollment", "none", "message_continue",
                    "stacked", "any", false, "", Instant.now());
            new FlowStore(s()).insert(f);
            Stage prompt = new StageStore(s()).insert(slug + "-prompt", "prompt",
                    Map.of("fields", dev.gatehouse.testing.TestPrompts.pks(s(), slug, fields),
                            "validation_policies", validationPolicies));
            Map<String, Object> write = new LinkedHashMap<>(StageTypes.byName("user_write").orElseThrow().defaults());
            write.putAll(writeConfig);
            Stage writer = new StageStore(s()).insert(slug + "-write", "user_write", write);
            new FlowBindingStore(s()).insert(new FlowStageBinding(UUID.randomUUID(), f.pk(), prompt.pk(), 10, false, true,
                    "retry", "any"));
            new FlowBindingStore(s()).insert(new FlowStageBinding(UUID.randomUUID(), f.pk(), writer.pk(), 20, false, true,
                    "retry", "any"));
            return f;
        }

        FlowPlan plan(Flow f, FlowContext ctx) {
            return ((FlowPlanner.Planned.Ready) planner.plan(f, request(), ctx)).plan();
        }

        FlowRequest request() {
            return new FlowRequest(null, "192.0.2.7", PolicyRequest.Http.NONE, false);
        }

        Step submit(FlowPlan plan, Map<String, Object> answer) {
            return executor.submit(plan, request(), answer, new ArrayList<FlowEffect>());
        }
    }

    private static Fixture fixture(Database db) {
        new Bootstrap(db, HASHER, new dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher("test-secret-key"))
                .run(Optional.empty(), Optional.empty(), Optional.empty());
        PolicyEngine policies = new PolicyEngine(db);
        FlowPlanner planner = new FlowPlanner(db, policies);
        UserService users = new UserService(db, HASHER, new StoredSignIns());
        return new Fixture(db, planner, new FlowExecutor(planner, new FlowServices(db, users, new LoginThrottle(), policies,
                FlowServices.deviceSecrets("test-secret-key"),
                new dev.gatehouse.flow.engine.FlowPlans(db, "test-secret-key"), new dev.gatehouse.testing.RecordingMailer(),
                dev.gatehouse.testing.RecordingMailer.SETTINGS, null)),
                users);
    }

    private static Map<String, Object> field(String key, String type, boolean required, Object... extra) {
        Map<String, Object> f = new LinkedHashMap<>(Map.of("field_key", key, "label", key, "type", type, "required", required));
        for (int i = 0; i < extra.length; i += 2) {
            f.put((String) extra[i], extra[i + 1]);
        }
        return f;
    }

    private static final List<Map<String, Object>> SIGN_UP = List.of(
            field("username", "username", true, "order", 1),
            field("email", "email", true, "order", 2),
            field("password", "password", true, "order", 3),
            field("password_repeat", "password", true, "order", 4),
            field("team", "dropdown", false, "order", 5, "choices", List.of("red", "blue")),
            field("age", "number", false, "order", 6),
            field("attributes.settings.locale", "text", false, "order", 7),
            field("source", "hidden", false, "order", 8, "initial_value", "web"),
            field("terms", "checkbox", true, "order", 9),
            field("motd", "static", false, "order", 10, "initial_value", "Welcome"));

    private static Map<String, Object> signUp(String username, String email, String pw, String repeat) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("username", username);
        a.put("email", email);
        a.put("password", pw);
        a.put("password_repeat", repeat);
        a.put("terms", "on");
        return a;
    }

    private static Step.Show show(Step step) {
        assertThat(step).isInstanceOf(Step.Show.class);
        return (Step.Show) step;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldOf(Step.Show show, String key) {
        return ((List<Map<String, Object>>) show.challenge().fields().get("fields")).stream()
                .filter(f -> key.equals(f.get("field_key"))).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void challengeListsTheFieldsInOrderWithTheirInitialValues(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            FlowPlan plan = fx.plan(fx.flow("signup", SIGN_UP, List.of(), Map.of()), new FlowContext());
            Step.Show shown = show(fx.executor().current(plan, fx.request(), new ArrayList<>()));
            assertThat(shown.challenge().component()).isEqualTo("ak-stage-prompt");
            List<?> fields = (List<?>) shown.challenge().fields().get("fields");
            assertThat(fields.stream().map(f -> (Object) ((Map<?, ?>) f).get("field_key")).toList()).containsExactly("username", "email",
                    "password", "password_repeat", "team", "age", "attributes.settings.locale", "source", "terms", "motd");
            assertThat(fieldOf(shown, "motd")).containsEntry("initial_value", "Welcome").containsEntry("type", "static");
            assertThat(fieldOf(shown, "team")).containsEntry("choices", List.of("red", "blue"));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void eachKindOfBadAnswerGetsItsFieldErrorAndNothingIsWritten(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            fx.users().create(dev.gatehouse.core.Actor.SYSTEM, new dev.gatehouse.core.UserChanges("taken", null, null,
                    null, null, null, null, null, null));
            FlowPlan plan = fx.plan(fx.flow("signup", SIGN_UP, List.of(), Map.of()), new FlowContext());
            int users = fx.db().dsl().fetchCount(org.jooq.impl.DSL.table("core_user"));

            Map<String, Object> missing = new LinkedHashMap<>();
            Step.Show required = show(fx.submit(plan, missing));
            assertThat(required.errors()).containsOnlyKeys("username", "email", "password", "password_repeat", "terms");
            assertThat(required.errors().get("terms")).containsExactly("This field is required.");

            Map<String, Object> bad = signUp("taken", "not-an-email", "pw-1", "pw-1");
            bad.put("team", "green");
            bad.put("age", "forty");
            Step.Show invalid = show(fx.submit(plan, bad));
            assertThat(invalid.errors().get("username")).containsExactly("Username is already taken.");
            assertThat(invalid.errors().get("email")).containsExactly("Enter a valid email address.");
            assertThat(invalid.errors().get("team")).containsExactly("\"green\" is not a valid choice.");
            assertThat(invalid.errors().get("age")).containsExactly("A valid number is required.");
            // what was typed comes back, passwords never do
            assertThat(fieldOf(invalid, "email")).containsEntry("initial_value", "not-an-email");
            assertThat(fieldOf(invalid, "password").get("initial_value")).isNull();

            Step.Show mismatch = show(fx.submit(plan, signUp("newbie", "n@example.org", "pw-1", "pw-2")));
            assertThat(mismatch.errors()).containsOnlyKeys("non_field_errors");
            assertThat(mismatch.errors().get("non_field_errors")).containsExactly("Passwords don't match.");

            assertThat(fx.db().dsl().fetchCount(org.jooq.impl.DSL.table("core_user"))).isEqualTo(users);
            assertThat(fx.users().byUsername("newbie")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void acceptedAnswersCreateTheUserWithPasswordAttributesAndGroup(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            UUID group = new GroupStore(fx.s()).byName("authentik Admins").orElseThrow().pk();
            Flow flow = fx.flow("signup", SIGN_UP, List.of(), Map.of("user_type", "internal",
                    "create_users_group", group.toString(), "user_path_template", "users/enrolled"));
            FlowPlan plan = fx.plan(flow, new FlowContext());
            Map<String, Object> answer = signUp("newbie", "n@example.org", "s3cret-Pass", "s3cret-Pass");
            answer.put("team", "blue");
            answer.put("age", "42");
            answer.put("attributes.settings.locale", "de");
            answer.put("source", "forged-by-client");
            assertThat(fx.submit(plan, answer)).isInstanceOf(Step.Done.class);

            User u = fx.users().byUsername("newbie").orElseThrow();
            assertThat(u.email()).isEqualTo("n@example.org");
            assertThat(u.type()).isEqualTo(UserType.INTERNAL);
            assertThat(u.isActive()).isTrue();
            assertThat(u.path()).isEqualTo("users/enrolled");
            assertThat(fx.users().checkPassword(u, "s3cret-Pass")).isTrue();
            assertThat(u.attributes()).containsEntry("team", "blue").containsEntry("age", 42)
                    .containsEntry("settings", Map.of("locale", "de")).containsEntry("source", "web")
                    .containsEntry("terms", true).doesNotContainKeys("password", "password_repeat", "motd");
            assertThat(fx.users().directGroups(u.pk())).containsExactly(group);
            var events = new EventStore(fx.s()).list(new PageRequest(1, 50, null, null, Map.of("action", "user_write")))
                    .results();
            assertThat(events).hasSize(1);
            assertThat(events.getFirst().clientIp()).isEqualTo("192.0.2.7");
            assertThat(events.getFirst().context().toString()).contains("newbie").doesNotContain("s3cret-Pass");
            assertThat(new EventStore(fx.s()).list(new PageRequest(1, 50, null, null, Map.of("action", "password_set")))
                    .results()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void validationPoliciesMustAllPassWithThePromptDataInTheirContext(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Map<String, Object> strong = new LinkedHashMap<>(dev.gatehouse.policy.PolicyTypes.byName("password")
                    .orElseThrow().defaults());
            strong.put("length_min", 12);
            strong.put("error_message", "Use at least 12 characters.");
            UUID policy = new PolicyStore(fx.s()).insert("strong-password", "password", strong, false).pk();
            FlowPlan plan = fx.plan(fx.flow("signup", SIGN_UP, List.of(policy.toString()), Map.of()), new FlowContext());

            Step.Show weak = show(fx.submit(plan, signUp("newbie", "n@example.org", "short-1", "short-1")));
            assertThat(weak.errors().get("non_field_errors")).containsExactly("Use at least 12 characters.");
            assertThat(fx.users().byUsername("newbie")).isEmpty();

            assertThat(fx.submit(plan, signUp("newbie", "n@example.org", "long-enough-pw", "long-enough-pw")))
                    .isInstanceOf(Step.Done.class);
            assertThat(fx.users().byUsername("newbie")).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void userWriteUpdatesThePendingUserOrRefusesWithoutOne(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            List<Map<String, Object>> profile = List.of(field("name", "text", true), field("email", "email", false));
            Flow update = fx.flow("profile", profile, List.of(), Map.of("user_creation_mode", "never_create"));
            User admin = fx.users().byUsername("akadmin").orElseThrow();
            FlowContext ctx = new FlowContext();
            ctx.put(dev.gatehouse.flow.engine.FlowKeys.PENDING_USER, admin);
            FlowPlan plan = fx.plan(update, ctx);
            assertThat(fx.submit(plan, Map.of("name", "Ada Admin", "email", "ada@example.org")))
                    .isInstanceOf(Step.Done.class);
            User after = fx.users().byUsername("akadmin").orElseThrow();
            assertThat(after.name()).isEqualTo("Ada Admin");
            assertThat(after.email()).isEqualTo("ada@example.org");
            assertThat(after.pk()).isEqualTo(admin.pk());

            FlowPlan nobody = fx.plan(update, new FlowContext());
            Step refused = fx.submit(nobody, Map.of("name", "X"));
            assertThat(refused).isInstanceOf(Step.Denied.class);
            assertThat(((Step.Denied) refused).message()).contains("no pending user");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void ofSeveralFlowsRacingToSetOnePasswordExactlyOneWrites(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            List<Map<String, Object>> fields = List.of(field("password", "password", true));
            Flow flow = fx.flow("set-password", fields, List.of(), Map.of("user_creation_mode", "never_create"));
            User admin = fx.users().byUsername("akadmin").orElseThrow();
            int racers = 4;
            List<FlowPlan> plans = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                FlowContext ctx = new FlowContext();
                ctx.put(dev.gatehouse.flow.engine.FlowKeys.PENDING_USER, admin);
                plans.add(fx.plan(flow, ctx));
            }
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(racers);
            List<java.util.concurrent.Future<Step>> results = new ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(racers)) {
                for (int i = 0; i < racers; i++) {
                    FlowPlan plan = plans.get(i);
                    String password = "racer-password-" + i;
                    results.add(pool.submit(() -> {
                        start.await();
                        return fx.submit(plan, Map.of("password", password));
                    }));
                }
            }
            List<Step> steps = new ArrayList<>();
            for (var f : results) {
                steps.add(f.get());
            }
            assertThat(steps.stream().filter(Step.Done.class::isInstance)).hasSize(1);
            assertThat(steps.stream().filter(Step.Denied.class::isInstance).map(d -> ((Step.Denied) d).message()))
                    .hasSize(racers - 1).allMatch(dev.gatehouse.stage.user_write.UserWriteStageView.CHANGED::equals);
            int winner = steps.indexOf(steps.stream().filter(Step.Done.class::isInstance).findFirst().orElseThrow());
            User after = fx.users().byUsername("akadmin").orElseThrow();
            assertThat(fx.users().checkPassword(after, "racer-password-" + winner)).isTrue();
            assertThat(new EventStore(fx.s()).list(new PageRequest(1, 50, null, null, Map.of("action", "password_set")))
                    .results()).hasSize(1);
        }
    }
}
