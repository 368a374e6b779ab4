package dev.gatehouse.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Actor;
import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserService;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.flow.FlowBindingChanges;
import dev.gatehouse.flow.FlowBindingService;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.provider.oauth2.authorize.AutosubmitChallenge;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.stage.StageService;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.throttle.LoginThrottle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stages a caller appends to a plan in memory (the OAuth2 fulfillment's hook): they run after every planned
 * stage, only when all of them passed, for the plan's user, are told when an earlier stage denies the plan, and
 * stay last across restarts.
 */
class InMemoryStageTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final String PASSWORD = "alice-secret-password";
    private static final String TARGET = "https://app.example/cb?code=issued";

    /** Records who it ran for and what the context held; leads the flow to {@link #TARGET}. */
    private static final class Recorder implements StageView<NoAnswer> {
        final List<User> users = new ArrayList<>();
        final List<Map<String, String>> permissions = new ArrayList<>();
        final List<User> toldDenied = new ArrayList<>();
        final Challenge challenge;

        Recorder(Challenge challenge) {
            this.challenge = challenge;
        }

        @Override
        public Optional<Challenge> challenge(StageRun run) {
            return Optional.ofNullable(challenge);
        }

        @Override
        public StageResult submit(StageRun run, NoAnswer response) {
            users.add(run.context().get(FlowKeys.PENDING_USER).orElse(run.request().user()));
            permissions.add(run.context().get(FlowKeys.CONSENT_PERMISSIONS).orElse(Map.of()));
            run.context().put(FlowKeys.REDIRECT, TARGET);
            return StageResult.CONTINUE;
        }

        @Override
        public void planDenied(StageRun run) {
            toldDenied.add(run.context().get(FlowKeys.PENDING_USER).orElse(run.request().user()));
        }
    }

    private record World(Database db, FlowPlanner planner, FlowExecutor executor, User alice) {
        static World of(Database db) {
            new Bootstrap(db, HASHER, new PrivateKeyCipher("test-secret-key"))
                    .run(Optional.empty(), Optional.empty(), Optional.empty());
            FlowPlanner planner = new FlowPlanner(db, new PolicyEngine(db));
            FlowExecutor executor = new FlowExecutor(planner, new FlowServices(db, new UserService(db, HASHER, new StoredSignIns()),
                    new LoginThrottle(), new PolicyEngine(db), FlowServices.deviceSecrets("test-secret-key"),
                new dev.gatehouse.flow.engine.FlowPlans(db, "test-secret-key"), new dev.gatehouse.testing.RecordingMailer(),
                dev.gatehouse.testing.RecordingMailer.SETTINGS, null));
            User alice = new UserStore(db.dsl()).insert("alice", "Alice", "alice@example.org",
                    HASHER.hash(PASSWORD), true, UserType.INTERNAL, "users", Map.of());
            return new World(db, planner, executor, alice);
        }

        FlowPlan plan(String slug, FlowRequest request, FlowContext context, StageView appended) {
            FlowPlan plan = ((FlowPlanner.Planned.Ready) planner.plan(new FlowStore(db.dsl()).bySlug(slug)
                    .orElseThrow(), request, context)).plan();
            plan.append(PlannedStage.inMemory("test in-memory stage", "test", Map.of(), appended));
            return plan;
        }

        FlowStageBinding binding(int order) {
            return new FlowBindingStore(db.dsl()).ofFlow(new FlowStore(db.dsl())
                    .bySlug(DefaultFlows.AUTHENTICATION).orElseThrow().pk()).stream()
                    .filter(b -> b.order() == order).findFirst().orElseThrow();
        }

        Step login(FlowPlan plan, String password, List<FlowEffect> effects) {
            FlowRequest anonymous = anonymous();
            assertThat(component(executor.current(plan, anonymous, effects))).isEqualTo("ak-stage-identification");
            executor.submit(plan, anonymous, Map.of("uid_field", "alice"), effects);
            return executor.submit(plan, anonymous, Map.of("password", password), effects);
        }
    }

    private static FlowRequest anonymous() {
        return new FlowRequest(null, "203.0.113.7", PolicyRequest.Http.NONE, false);
    }

    private static String component(Step step) {
        return step instanceof Step.Show show ? show.challenge().component() : step.toString();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void appendedStageWhenEveryPlannedStagePassedThenRunsLastForThePlansUser(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            Recorder recorder = new Recorder(null);
            FlowPlan plan = w.plan(DefaultFlows.AUTHENTICATION, anonymous(), new FlowContext(), recorder);
            assertThat(plan.remaining()).isEqualTo(5);
            List<FlowEffect> effects = new ArrayList<>();

            assertThat(w.login(plan, PASSWORD, effects)).isEqualTo(new Step.Done(TARGET));

            assertThat(recorder.users).extracting(User::pk).containsExactly(w.alice().pk());
            assertThat(effects).singleElement().isInstanceOf(FlowEffect.Login.class);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void appendedStageWhenAPlannedStageDeniesThenNeverRunsAndIsToldOfTheDenial(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            Stage deny = new StageService(db).create(Actor.SYSTEM, StageTypes.byName("deny").orElseThrow(), "deny-all",
                    Map.of("deny_message", "Not today."));
            new FlowBindingService(db).create(Actor.SYSTEM, new FlowBindingChanges(w.binding(10).target(), deny.pk(),
                    50, false, false, null, null));
            Recorder recorder = new Recorder(null);
            FlowPlan plan = w.plan(DefaultFlows.AUTHENTICATION, anonymous(), new FlowContext(), recorder);

            assertThat(w.login(plan, PASSWORD, new ArrayList<>())).isEqualTo(new Step.Denied("Not today."));
            assertThat(recorder.users).isEmpty();
            assertThat(recorder.toldDenied).extracting(User::pk).containsExactly(w.alice().pk());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void appendedStageWhenFlowRestartsThenStaysLastAndTheStartingContextIsKept(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            new FlowBindingService(db).update(Actor.SYSTEM, w.binding(20).pk(),
                    new FlowBindingChanges(null, null, null, null, null, "restart", null));
            Recorder recorder = new Recorder(null);
            FlowContext initial = new FlowContext();
            initial.put(FlowKeys.CONSENT_PERMISSIONS, Map.of("email", "Email address"));
            FlowPlan plan = w.plan(DefaultFlows.AUTHENTICATION, anonymous(), initial, recorder);
            List<FlowEffect> effects = new ArrayList<>();

            Step restarted = w.login(plan, "wrong", effects);
            assertThat(component(restarted)).isEqualTo("ak-stage-identification");
            assertThat(plan.remaining()).as("planned stages again, then the appended one").isEqualTo(5);
            assertThat(recorder.users).isEmpty();

            assertThat(w.login(plan, PASSWORD, effects)).isEqualTo(new Step.Done(TARGET));
            assertThat(recorder.users).extracting(User::pk).containsExactly(w.alice().pk());
            assertThat(recorder.permissions).containsExactly(Map.of("email", "Email address"));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void appendedStageWithAChallengeIsShownThenAnswered(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            Recorder recorder = new Recorder(new AutosubmitChallenge(null, "https://app.example/cb", null));
            FlowRequest signedIn = new FlowRequest(w.alice(), "203.0.113.7", PolicyRequest.Http.NONE, false);
            FlowPlan plan = w.plan(DefaultFlows.IMPLICIT_CONSENT, signedIn, new FlowContext(), recorder);
            List<FlowEffect> effects = new ArrayList<>();

            assertThat(component(w.executor().current(plan, signedIn, effects))).isEqualTo("ak-stage-autosubmit");
            assertThat(recorder.users).isEmpty();
            assertThat(w.executor().submit(plan, signedIn, Map.of(), effects)).isEqualTo(new Step.Done(TARGET));
            assertThat(recorder.users).extracting(User::pk).containsExactly(w.alice().pk());
        }
    }
}
