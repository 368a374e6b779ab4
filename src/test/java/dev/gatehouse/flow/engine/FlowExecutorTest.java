package dev.gatehouse.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Actor;
import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.core.Group;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserService;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowBindingChanges;
import dev.gatehouse.flow.FlowBindingService;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowChanges;
import dev.gatehouse.flow.FlowService;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.flow.engine.FlowPlanner.Planned;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyBindingChanges;
import dev.gatehouse.policy.PolicyBindingService;
import dev.gatehouse.policy.PolicyService;
import dev.gatehouse.policy.PolicyTypes;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.stage.StageService;
import dev.gatehouse.stage.password.PasswordCheck;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.throttle.LoginThrottle;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner and executor in-process on the default flows that Bootstrap creates, headless (the way the
 * LDAP and RADIUS outposts run flows), stored on H2 and PostgreSQL (issue 3, items 2, 4, 5, 10).
 */
class FlowExecutorTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String IP = "203.0.113.7";
    private static final String ALICE_PASSWORD = "alice-secret-password";
    private static final Map<String, List<String>> INVALID_PASSWORD = Map.of("password", List.of(PasswordCheck.INVALID));

    /** A bootstrapped database with the default flows, user alice, and an engine over them. */
    private static final class World {
        final Database db;
        final DSLContext s;
        final FlowPlanner planner;
        final FlowExecutor executor;
        final User alice;

        World(Database db, LoginThrottle throttle) {
            this.db = db;
            new Bootstrap(db, HASHER, new PrivateKeyCipher("test-secret-key"))
                    .run(Optional.empty(), Optional.empty(), Optional.empty());
            this.s = db.dsl();
            this.planner = new FlowPlanner(db, new PolicyEngine(db));
            this.executor = new FlowExecutor(planner, new FlowServices(db, new UserService(db, HASHER, new StoredSignIns()), throttle, new PolicyEngine(db),
                    FlowServices.deviceSecrets("test-secret-key"),
                new dev.gatehouse.flow.engine.FlowPlans(db, "test-secret-key"), new dev.gatehouse.testing.RecordingMailer(),
                dev.gatehouse.testing.RecordingMailer.SETTINGS, null));
            this.alice = user("alice", ALICE_PASSWORD);
        }

        World(Database db) {
            this(db, new LoginThrottle());
        }

        User user(String name, String password) {
            return new UserStore(s).insert(name, name, name + "@example.org", HASHER.hash(password), true,
                    UserType.INTERNAL, "users", Map.of());
        }

        Flow flow(String slug) {
            return new FlowStore(s).bySlug(slug).orElseThrow();
        }

        FlowStageBinding binding(String slug, int order) {
            return new FlowBindingStore(s).ofFlow(flow(slug).pk()).stream().filter(b -> b.order() == order).findFirst()
                    .orElseThrow();
        }

        void invalidResponseAction(int order, String action) {
            new FlowBindingService(db).update(Actor.SYSTEM, binding(DefaultFlows.AUTHENTICATION, order).pk(),
                    new FlowBindingChanges(null, null, null, null, null, action, null));
        }

        Stage deny(String message) {
            return new StageService(db).create(Actor.SYSTEM, StageTypes.byName("deny").orElseThrow(), "deny-" + message,
                    Map.of("deny_message", message));
        }

        FlowStageBinding bindToDefault(Stage stage, int order, boolean evaluateOnPlan, boolean reEvaluate) {
            return new FlowBindingService(db).create(Actor.SYSTEM, new FlowBindingChanges(
                    flow(DefaultFlows.AUTHENTICATION).pk(), stage.pk(), order, evaluateOnPlan, reEvaluate, null, null));
        }

        Policy dummy(boolean result) {
            return new PolicyService(db).create(Actor.SYSTEM, PolicyTypes.byName("dummy").orElseThrow(),
                    "dummy-" + UUID.randomUUID(), false, Map.of("result", result, "wait_min", 0, "wait_max", 0));
        }

        void bindPolicy(UUID target, Policy p) {
            new PolicyBindingService(db).create(Actor.SYSTEM, new PolicyBindingChanges(target, Optional.of(p.pk()),
                    null, null, null, null, 0, null, null));
        }

        void bindGroup(UUID target, Group g) {
            new PolicyBindingService(db).create(Actor.SYSTEM, new PolicyBindingChanges(target, null,
                    Optional.of(g.pk()), null, null, null, 0, null, null));
        }

        Run start(String slug, FlowRequest request, FlowContext context) {
            Planned planned = planner.plan(flow(slug), request, context);
            assertThat(planned).isInstanceOf(Planned.Ready.class);
            return new Run(this, ((Planned.Ready) planned).plan(), request);
        }

        Run start() {
            return start(DefaultFlows.AUTHENTICATION, anonymous(), new FlowContext());
        }

        List<Record> events(String action) {
            return db.dsl().fetch("SELECT client_ip, context FROM events_event WHERE action = ? ORDER BY created",
                    action);
        }
    }

    /** One headless run of a plan: its effects and the step the client sees. */
    private static final class Run {
        final World w;
        final FlowPlan plan;
        final FlowRequest request;
        final List<FlowEffect> effects = new ArrayList<>();

        Run(World w, FlowPlan plan, FlowRequest request) {
            this.w = w;
            this.plan = plan;
            this.request = request;
        }

        Step current() {
            return w.executor.current(plan, request, effects);
        }

        Step answer(Object... namesAndValues) {
            Map<String, Object> body = new LinkedHashMap<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                body.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
            return w.executor.submit(plan, request, body, effects);
        }

        /** Answers identification with {@code username}, then the password stage with {@code password}. */
        Step login(String username, String password) {
            assertThat(component(current())).isEqualTo("ak-stage-identification");
            Step afterId = answer("uid_field", username);
            assertThat(component(afterId)).as("after identification: %s", afterId).isEqualTo("ak-stage-password");
            return answer("password", password);
        }
    }

    private static JsonNode context(Record event) {
        return JSON.readTree(event.get("context").toString());
    }

    private static FlowRequest anonymous() {
        return new FlowRequest(null, IP, PolicyRequest.Http.NONE, false);
    }

    private static String component(Step step) {
        return step instanceof Step.Show show ? show.challenge().component() : step.toString();
    }

    private static Step.Show shown(Step step) {
        assertThat(step).isInstanceOf(Step.Show.class);
        return (Step.Show) step;
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void loginWhenPasswordRightThenDoneAtRootAndLoginEffectForTheUser(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Run run = w.start();
            Step.Show identification = shown(run.current());
            assertThat(identification.challenge().component()).isEqualTo("ak-stage-identification");
            assertThat(identification.challenge().fields()).containsEntry("user_fields", List.of("username", "email"))
                    .containsEntry("password_fields", false);
            assertThat(identification.errors()).isEmpty();

            Step.Show password = shown(run.answer("uid_field", "alice"));
            assertThat(password.challenge().component()).isEqualTo("ak-stage-password");
            assertThat(password.challenge().fields()).containsEntry("pending_user", "alice");
            assertThat(run.effects).isEmpty();

            assertThat(run.answer("password", ALICE_PASSWORD)).isEqualTo(new Step.Done("/"));
            assertThat(run.effects).singleElement().isInstanceOfSatisfying(FlowEffect.Login.class, login -> {
                assertThat(login.user().pk()).isEqualTo(w.alice.pk());
                assertThat(login.lifetime()).isEqualTo(Duration.ZERO);
            });
            assertThat(run.plan.context().get(FlowKeys.AUTH_METHOD)).contains("password");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void loginWhenEmailGivenThenSameUser(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Run run = w.start();
            assertThat(run.login("ALICE@example.org", ALICE_PASSWORD)).isEqualTo(new Step.Done("/"));
            assertThat(run.effects).singleElement().isInstanceOfSatisfying(FlowEffect.Login.class,
                    login -> assertThat(login.user().pk()).isEqualTo(w.alice.pk()));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void loginWhenPasswordWrongThenPasswordChallengeWithInvalidPasswordAndNoLogin(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Run run = w.start();
            Step.Show again = shown(run.login("alice", "not-the-password"));
            assertThat(again.challenge().component()).isEqualTo("ak-stage-password");
            assertThat(again.errors()).isEqualTo(INVALID_PASSWORD);
            assertThat(run.effects).isEmpty();
            assertThat(run.current()).as("the challenge stays").isEqualTo(new Step.Show(again.challenge(), Map.of()));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void loginWhenUserUnknownThenSameChallengeAndErrorAsWrongPassword(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Step.Show wrong = shown(w.start().login("alice", "not-the-password"));
            Run ghostRun = w.start();
            Step.Show unknown = shown(ghostRun.login("ghost", "not-the-password"));

            assertThat(unknown.errors()).isEqualTo(wrong.errors()).isEqualTo(INVALID_PASSWORD);
            assertThat(unknown.challenge().component()).isEqualTo(wrong.challenge().component());
            Map<String, Object> ghostFields = new LinkedHashMap<>(unknown.challenge().fields());
            assertThat(ghostFields.put("pending_user", "alice")).as("the typed identifier is shown").isEqualTo("ghost");
            assertThat(ghostFields).isEqualTo(wrong.challenge().fields());
            assertThat(ghostRun.plan.context().get(FlowKeys.PENDING_USER)).isEmpty();
            assertThat(ghostRun.effects).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void loginWhenFailedAttemptsBeforeCancelReachedThenDenied(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Stage password = new StageStore(w.s).byName("default-authentication-password").orElseThrow();
            new StageService(db).update(Actor.SYSTEM, StageTypes.byName("password").orElseThrow(), password.pk(), null,
                    Map.of("failed_attempts_before_cancel", 2), false);
            Run run = w.start();
            assertThat(shown(run.login("alice", "wrong-1")).errors()).isEqualTo(INVALID_PASSWORD);
            Step second = run.answer("password", "wrong-2");
            assertThat(second).isInstanceOf(Step.Denied.class);
            assertThat(run.effects).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void planWhenFlowPolicyFailsThenDeniedWithItsMessage(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Flow flow = w.flow(DefaultFlows.AUTHENTICATION);
            assertThat(w.planner.plan(flow, anonymous(), new FlowContext())).isInstanceOf(Planned.Ready.class);

            w.bindPolicy(flow.pk(), w.dummy(false));
            assertThat(w.planner.plan(flow, anonymous(), new FlowContext()))
                    .isEqualTo(new Planned.Denied("You are not allowed to run this flow."));

            Flow closed = new FlowService(db).create(Actor.SYSTEM, new FlowChanges("closed", "Closed", "Closed",
                    "authentication", null, null, null, null, null, null));
            Policy maintenance = new PolicyService(db).create(Actor.SYSTEM, PolicyTypes.byName("password").orElseThrow(),
                    "maintenance", false, Map.of("length_min", 100, "error_message", "Closed for maintenance."));
            w.bindPolicy(closed.pk(), maintenance);
            FlowContext initial = new FlowContext();
            initial.put(new ContextKey<>("password", String.class), "short");
            assertThat(w.planner.plan(closed, anonymous(), initial))
                    .as("the policy sees the initial context").isEqualTo(new Planned.Denied("Closed for maintenance."));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void planWhenAuthenticationRequiredAndNoUserThenDenied(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Flow flow = new FlowService(db).create(Actor.SYSTEM, new FlowChanges("members", "Members", "Members",
                    "authorization", "require_authenticated", null, null, null, null, null));
            assertThat(w.planner.plan(flow, anonymous(), new FlowContext())).isInstanceOf(Planned.Denied.class);
            FlowRequest signedIn = new FlowRequest(w.alice, IP, PolicyRequest.Http.NONE, false);
            assertThat(w.planner.plan(flow, signedIn, new FlowContext())).isInstanceOf(Planned.Ready.class);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void runWhenReEvaluatedGroupBindingOnDenyStageThenMemberViaParentDeniedMidFlowOthersDone(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Group blocked = new GroupStore(w.s).insert("blocked", false, Map.of());
            Group interns = new GroupStore(w.s).insert("interns", false, Map.of());
            new GroupStore(w.s).setParents(interns.pk(), List.of(blocked.pk()));
            User mallory = w.user("mallory", "mallory-password");
            new GroupStore(w.s).addMember(interns.pk(), mallory.pk());
            FlowStageBinding gate = w.bindToDefault(w.deny("Blocked users may not sign in."), 50, false, true);
            w.bindGroup(gate.pk(), blocked);

            Run member = w.start();
            assertThat(member.plan.remaining()).as("left in the plan until it runs").isEqualTo(5);
            assertThat(member.login("mallory", "mallory-password"))
                    .isEqualTo(new Step.Denied("Blocked users may not sign in."));
            assertThat(member.effects).as("never signed in").isEmpty();

            Run other = w.start();
            assertThat(other.login("alice", ALICE_PASSWORD)).isEqualTo(new Step.Done("/"));
            assertThat(other.effects).singleElement().isInstanceOf(FlowEffect.Login.class);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void planWhenEvaluateOnPlanAndPolicyFailsThenStageLeftOut(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            FlowStageBinding left = w.bindToDefault(w.deny("never shown"), 50, true, false);
            w.bindPolicy(left.pk(), w.dummy(false));
            FlowStageBinding kept = w.bindToDefault(w.deny("planned"), 60, true, false);
            w.bindPolicy(kept.pk(), w.dummy(true));

            Run run = w.start();
            List<UUID> planned = new ArrayList<>();
            while (run.plan.current().isPresent()) {
                planned.add(run.plan.current().get().binding().pk());
                run.plan.advance();
            }
            assertThat(planned).hasSize(5).contains(kept.pk()).doesNotContain(left.pk());
            assertThat(w.start().login("alice", ALICE_PASSWORD)).isEqualTo(new Step.Denied("planned"));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void invalidResponseWhenRetryThenSamePasswordChallengeWithErrors(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            w.invalidResponseAction(20, "retry");
            Run run = w.start();
            Step.Show shown = shown(run.login("alice", "wrong"));
            assertThat(shown.challenge().component()).isEqualTo("ak-stage-password");
            assertThat(shown.errors()).isEqualTo(INVALID_PASSWORD);
            assertThat(run.plan.context().get(FlowKeys.PENDING_USER)).map(User::pk).contains(w.alice.pk());
            assertThat(run.answer("password", ALICE_PASSWORD)).isEqualTo(new Step.Done("/"));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void invalidResponseWhenRestartThenIdentificationWithErrorsAndPendingUserForgotten(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            w.invalidResponseAction(20, "restart");
            FlowContext initial = new FlowContext();
            initial.put(FlowKeys.REDIRECT, "/if/user/");
            Run run = w.start(DefaultFlows.AUTHENTICATION, anonymous(), initial);

            Step.Show shown = shown(run.login("alice", "wrong"));
            assertThat(shown.challenge().component()).isEqualTo("ak-stage-identification");
            assertThat(shown.errors()).isEqualTo(INVALID_PASSWORD);
            assertThat(run.plan.context().get(FlowKeys.PENDING_USER)).isEmpty();
            assertThat(run.plan.context().get(FlowKeys.PENDING_USER_IDENTIFIER)).isEmpty();
            assertThat(run.plan.context().get(FlowKeys.REDIRECT)).as("where the flow leads is kept").contains("/if/user/");
            assertThat(run.plan.remaining()).isEqualTo(4);

            assertThat(run.login("alice", ALICE_PASSWORD)).isEqualTo(new Step.Done("/if/user/"));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void invalidResponseWhenRestartWithContextThenFirstStageAndContextKept(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            w.invalidResponseAction(20, "restart_with_context");
            Run run = w.start();

            Step.Show shown = shown(run.login("alice", "wrong"));
            assertThat(shown.challenge().component()).isEqualTo("ak-stage-identification");
            assertThat(shown.errors()).isEqualTo(INVALID_PASSWORD);
            assertThat(run.plan.context().get(FlowKeys.PENDING_USER)).map(User::pk).contains(w.alice.pk());
            assertThat(run.plan.context().get(FlowKeys.PENDING_USER_IDENTIFIER)).contains("alice");
            assertThat(run.plan.context().get(FlowKeys.PASSWORD_FAILURES)).contains(1);
            assertThat(run.plan.remaining()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void throttleWhenUsernameBucketEmptyThenRightPasswordRefusedAndSameForUnknownUser(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(3, Duration.ofHours(1)),
                    new LoginThrottle.Limits(1000, Duration.ofSeconds(1)), TimeMeter.SYSTEM_NANOTIME);
            World w = new World(db, throttle);
            w.user("bob", "bob-password");
            Map<String, List<String>> throttled = Map.of("password", List.of(PasswordCheck.THROTTLED));

            Run alice = w.start();
            assertThat(shown(alice.login("alice", "wrong-1")).errors()).isEqualTo(INVALID_PASSWORD);
            assertThat(shown(alice.answer("password", "wrong-2")).errors()).isEqualTo(INVALID_PASSWORD);
            assertThat(shown(alice.answer("password", "wrong-3")).errors()).isEqualTo(INVALID_PASSWORD);
            Step.Show refused = shown(alice.answer("password", ALICE_PASSWORD));
            assertThat(refused.errors()).isEqualTo(throttled);
            assertThat(alice.effects).isEmpty();
            assertThat(shown(w.start().login("ALICE", ALICE_PASSWORD)).errors())
                    .as("a new plan and another spelling do not reset the bucket").isEqualTo(throttled);

            Run ghost = w.start();
            assertThat(shown(ghost.login("ghost", "wrong-1")).errors()).isEqualTo(INVALID_PASSWORD);
            assertThat(shown(ghost.answer("password", "wrong-2")).errors()).isEqualTo(INVALID_PASSWORD);
            assertThat(shown(ghost.answer("password", "wrong-3")).errors()).isEqualTo(INVALID_PASSWORD);
            Step.Show ghostRefused = shown(ghost.answer("password", "wrong-4"));
            assertThat(ghostRefused.errors()).isEqualTo(throttled);
            assertThat(ghostRefused.challenge().component()).isEqualTo(refused.challenge().component());

            assertThat(w.start().login("bob", "bob-password")).as("another username is not throttled")
                    .isEqualTo(new Step.Done("/"));
            assertThat(w.events("login_failed")).anySatisfy(e -> {
                assertThat(context(e).path("username").asString()).isEqualTo("ghost");
                assertThat(context(e).path("reason").asString()).isEqualTo("throttled");
                assertThat(e.get("client_ip")).isEqualTo(IP);
            });
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void throttleWhenAddressBucketEmptyThenEveryUsernameRefused(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(1000, Duration.ofSeconds(1)),
                    new LoginThrottle.Limits(2, Duration.ofHours(1)), TimeMeter.SYSTEM_NANOTIME);
            World w = new World(db, throttle);
            Run run = w.start();
            run.login("ghost", "wrong-1");
            run.answer("password", "wrong-2");
            assertThat(shown(w.start().login("alice", ALICE_PASSWORD)).errors())
                    .isEqualTo(Map.of("password", List.of(PasswordCheck.THROTTLED)));
            FlowRequest elsewhere = new FlowRequest(null, "198.51.100.9", PolicyRequest.Http.NONE, false);
            assertThat(w.start(DefaultFlows.AUTHENTICATION, elsewhere, new FlowContext()).login("alice", ALICE_PASSWORD))
                    .isEqualTo(new Step.Done("/"));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void loginWhenUserInactiveThenSameAnswerAsWrongPassword(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            new UserStore(w.s).insert("sleeper", "sleeper", "sleeper@example.org", HASHER.hash("sleeper-password"), false,
                    UserType.INTERNAL, "users", Map.of());
            Run run = w.start();
            Step.Show shown = shown(run.login("sleeper", "sleeper-password"));
            assertThat(shown.errors()).isEqualTo(INVALID_PASSWORD);
            assertThat(run.effects).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void loginWhenSessionDurationSetThenLoginEffectCarriesIt(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Stage login = new StageStore(w.s).byName("default-authentication-login").orElseThrow();
            new StageService(db).update(Actor.SYSTEM, StageTypes.byName("user_login").orElseThrow(), login.pk(), null,
                    Map.of("session_duration", "hours=2;minutes=30"), false);
            Run run = w.start();
            assertThat(run.login("alice", ALICE_PASSWORD)).isEqualTo(new Step.Done("/"));
            assertThat(run.effects).singleElement().isInstanceOfSatisfying(FlowEffect.Login.class,
                    l -> assertThat(l.lifetime()).isEqualTo(Duration.ofMinutes(150)));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void identificationWhenPasswordEmbeddedThenOneStepAndUnknownUserGetsTheSameError(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Stage identification = new StageStore(w.s).byName("default-authentication-identification").orElseThrow();
            Stage password = new StageStore(w.s).byName("default-authentication-password").orElseThrow();
            new StageService(db).update(Actor.SYSTEM, StageTypes.byName("identification").orElseThrow(),
                    identification.pk(), null, Map.of("password_stage", password.pk().toString()), false);
            new FlowBindingStore(w.s).delete(w.binding(DefaultFlows.AUTHENTICATION, 20).pk());
            Map<String, List<String>> failed = Map.of("non_field_errors", List.of("Failed to authenticate."));

            Run wrong = w.start();
            assertThat(shown(wrong.current()).challenge().fields()).containsEntry("password_fields", true);
            Step.Show wrongShown = shown(wrong.answer("uid_field", "alice", "password", "wrong"));
            Step.Show ghostShown = shown(w.start().answer("uid_field", "ghost", "password", "wrong"));
            assertThat(wrongShown.errors()).isEqualTo(failed);
            assertThat(ghostShown).isEqualTo(wrongShown);
            assertThat(wrongShown.challenge().component()).isEqualTo("ak-stage-identification");
            assertThat(wrong.effects).isEmpty();

            Run right = w.start();
            assertThat(right.answer("uid_field", "alice", "password", ALICE_PASSWORD)).isEqualTo(new Step.Done("/"));
            assertThat(right.effects).singleElement().isInstanceOf(FlowEffect.Login.class);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void loginFailedEventsCarryAttemptedUsernameAndClientIp(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            w.start().login("alice", "wrong");
            w.start().login("ghost", "wrong");
            List<Record> failed = w.events("login_failed");
            assertThat(failed).hasSize(2);
            assertThat(failed).allSatisfy(e -> assertThat(e.get("client_ip")).isEqualTo(IP));
            assertThat(failed).extracting(e -> context(e).path("username").asString())
                    .containsExactlyInAnyOrder("alice", "ghost");
            assertThat(failed).extracting(e -> context(e).path("reason").asString()).containsOnly("password");
        }
    }
}
