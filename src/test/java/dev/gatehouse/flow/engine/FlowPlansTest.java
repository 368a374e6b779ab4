package dev.gatehouse.flow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserService;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.throttle.LoginThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plans stored in the database ({@link FlowPlans}): read back as they were written (stages, appended in-memory
 * stages with their state, position, both contexts, the final step), sealed (no secret, key or identifier
 * readable in the row, a row under another key does not open), a user in the context read as they are now,
 * bounded in size, and gone once idle past {@link FlowPlans#IDLE}.
 */
class FlowPlansTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final String PASSWORD = "alice-secret-password";
    private static final ContextKey<String> SECRET = ContextKey.secret("test_enrolment_secret", String.class);
    private static final String SECRET_VALUE = "JBSWY3DPEHPK3PXPSEALEDVALUE";
    private static final String FLOW_KEY = "flow-key-0123456789abcdefghijklmnopqrstuvwxyzAB";

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private record NotingChallenge(String note) implements Challenge {
        @Override
        public String component() {
            return "test-noting";
        }
    }

    /** An in-memory stage whose state is a note it shows; its kind stores the note. */
    private record Noting(String note) implements StageView<NoAnswer> {
        @Override
        public Optional<Challenge> challenge(StageRun run) {
            return Optional.of(new NotingChallenge(note));
        }

        @Override
        public StageResult submit(StageRun run, NoAnswer response) {
            return StageResult.CONTINUE;
        }
    }

    private static final InMemoryStages.Kind NOTING = new InMemoryStages.Kind() {
        @Override
        public String name() {
            return "test_noting";
        }

        @Override
        public Map<String, Object> save(StageView<?> view) {
            return Map.of("note", ((Noting) view).note());
        }

        @Override
        public Optional<StageView<?>> restore(Map<String, Object> state, ContextRefs refs) {
            return Optional.of(new Noting((String) state.get("note")));
        }
    };

    private record World(Database db, FlowPlans plans, MovingClock clock, FlowPlanner planner, FlowExecutor executor,
                         Flow flow, User alice) {
        static World of(Database db) {
            new Bootstrap(db, HASHER, new PrivateKeyCipher("test-secret-key"))
                    .run(Optional.empty(), Optional.empty(), Optional.empty());
            MovingClock clock = new MovingClock();
            FlowPlans plans = new FlowPlans(db, TestDatabases.SECRET_KEY, new InMemoryStages().register(NOTING), clock);
            FlowPlanner planner = new FlowPlanner(db, new PolicyEngine(db));
            FlowExecutor executor = new FlowExecutor(planner, new FlowServices(db, new UserService(db, HASHER, new StoredSignIns()),
                    new LoginThrottle(), new PolicyEngine(db), FlowServices.deviceSecrets("test-secret-key"),
                new dev.gatehouse.flow.engine.FlowPlans(db, "test-secret-key"), new dev.gatehouse.testing.RecordingMailer(),
                dev.gatehouse.testing.RecordingMailer.SETTINGS, null));
            User alice = new UserStore(db.dsl()).insert("alice", "Alice", "alice@example.org",
                    HASHER.hash(PASSWORD), true, UserType.INTERNAL, "users", Map.of());
            Flow flow = new FlowStore(db.dsl()).bySlug(DefaultFlows.AUTHENTICATION).orElseThrow();
            return new World(db, plans, clock, planner, executor, flow, alice);
        }

        FlowPlan plan(FlowContext context) {
            FlowPlan plan = ((FlowPlanner.Planned.Ready) planner.plan(flow, anonymous(), context)).plan();
            plan.append(PlannedStage.inMemory("test noting stage", "test_noting", Map.of(), new Noting("kept")));
            return plan;
        }

        int rows() {
            return db.dsl().fetchCount(DSL.table(DSL.name("flows_plan_state")));
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
    void storedPlanWhenReadBackThenContinuesWhereItStoppedWithItsAppendedStage(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            FlowContext initial = new FlowContext();
            initial.put(FlowKeys.REDIRECT, "/if/user/");
            FlowPlan plan = w.plan(initial);
            List<FlowEffect> effects = new ArrayList<>();
            w.executor().current(plan, anonymous(), effects);
            w.executor().submit(plan, anonymous(), Map.of("uid_field", "alice"), effects);
            w.plans().put(FLOW_KEY, w.flow(), new FlowPlans.Entry(plan, null));

            FlowPlan read = w.plans().get(FLOW_KEY, w.flow()).plan();

            assertThat(read.remaining()).isEqualTo(plan.remaining());
            assertThat(read.current().orElseThrow().stage()).isEqualTo(plan.current().orElseThrow().stage());
            assertThat(read.current().orElseThrow().binding()).isEqualTo(plan.current().orElseThrow().binding());
            assertThat(read.context().get(FlowKeys.PENDING_USER).orElseThrow().pk()).isEqualTo(w.alice().pk());
            assertThat(read.context().get(FlowKeys.PENDING_USER_IDENTIFIER)).contains("alice");
            assertThat(read.initialContext().asMap()).isEqualTo(Map.of("redirect", "/if/user/"));
            assertThat(read.appended()).singleElement().satisfies(ps -> {
                assertThat(ps.view()).isEqualTo(new Noting("kept"));
                assertThat(read.stages()).last().isSameAs(ps);
            });
            // the rest of the flow runs from the stored plan: password, MFA (none), login, then the appended stage
            assertThat(component(w.executor().submit(read, anonymous(), Map.of("password", PASSWORD), effects)))
                    .isEqualTo("test-noting");
            assertThat(effects).singleElement().isInstanceOf(FlowEffect.Login.class);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void finishedStepWhenStoredThenReadBackOnce(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            w.plans().put(FLOW_KEY, w.flow(), new FlowPlans.Entry(w.plan(new FlowContext()), new Step.Done("/done/")));
            assertThat(w.plans().get(FLOW_KEY, w.flow()).finished()).isEqualTo(new Step.Done("/done/"));
            w.plans().move(FLOW_KEY, "rotated-key", w.flow(),
                    new FlowPlans.Entry(w.plan(new FlowContext()), new Step.Denied("No.")));
            assertThat(w.plans().get(FLOW_KEY, w.flow())).isNull();
            assertThat(w.plans().get("rotated-key", w.flow()).finished()).isEqualTo(new Step.Denied("No."));
            assertThat(w.rows()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void secretsKeyAndIdentifierWhenStoredThenNotReadableInTheRow(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            FlowContext context = new FlowContext();
            context.put(SECRET, SECRET_VALUE);
            context.put(FlowKeys.PENDING_USER_IDENTIFIER, "alice@example.org");
            w.plans().put(FLOW_KEY, w.flow(), new FlowPlans.Entry(w.plan(context), null));

            Record row = db.dsl().selectFrom(DSL.table(DSL.name("flows_plan_state"))).fetchSingle();
            String stored = row.intoList().toString();
            assertThat(stored).doesNotContain(SECRET_VALUE).doesNotContain(FLOW_KEY).doesNotContain("alice")
                    .doesNotContain("test_enrolment_secret").doesNotContain("kept");
            assertThat(stored).contains(FlowPlans.hash(FLOW_KEY, w.flow()));

            FlowContext read = w.plans().get(FLOW_KEY, w.flow()).plan().context();
            assertThat(read.get(SECRET)).contains(SECRET_VALUE);
            assertThat(read.asMap()).doesNotContainKey("test_enrolment_secret"); // still secret once read back
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void rowWhenCopiedUnderAnotherKeyThenDoesNotOpen(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            w.plans().put(FLOW_KEY, w.flow(), new FlowPlans.Entry(w.plan(new FlowContext()), null));
            db.dsl().update(DSL.table(DSL.name("flows_plan_state")))
                    .set(DSL.field(DSL.name("key_hash"), String.class), FlowPlans.hash("another-key", w.flow()))
                    .execute();

            assertThat(w.plans().get("another-key", w.flow())).isNull();
            assertThat(w.rows()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void userInTheContextWhenChangedSinceThenReadAsSheIsNow(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            FlowContext context = new FlowContext();
            context.put(FlowKeys.PENDING_USER, w.alice());
            w.plans().put(FLOW_KEY, w.flow(), new FlowPlans.Entry(w.plan(context), null));
            db.dsl().update(DSL.table(DSL.name("core_user"))).set(DSL.field(DSL.name("is_active"), Boolean.class), false)
                    .where(DSL.field(DSL.name("id"), Long.class).eq(w.alice().pk())).execute();

            assertThat(w.plans().get(FLOW_KEY, w.flow()).plan().context().get(FlowKeys.PENDING_USER).orElseThrow()
                    .isActive()).isFalse();

            new UserStore(db.dsl()).delete(w.alice().pk());
            assertThat(w.plans().get(FLOW_KEY, w.flow()).plan().context().get(FlowKeys.PENDING_USER)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void planOverTheSizeLimitWhenStoredThenRefusedAndNothingKept(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            FlowContext context = new FlowContext();
            context.put(FlowKeys.PROMPT_DATA, Map.of("bio", "x".repeat(FlowPlans.MAX_BYTES)));

            assertThatThrownBy(() -> w.plans().put(FLOW_KEY, w.flow(), new FlowPlans.Entry(w.plan(context), null)))
                    .isInstanceOf(FlowPlans.TooLarge.class);
            assertThat(w.rows()).isZero();

            context.put(FlowKeys.PROMPT_DATA, Map.of("bio", "x".repeat(FlowPlans.MAX_BYTES / 4))); // initial + current
            w.plans().put(FLOW_KEY, w.flow(), new FlowPlans.Entry(w.plan(context), null));
            assertThat(w.rows()).isOne();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void planIdlePastTheLimitWhenReadThenGoneAndExpiredRowsDeleted(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            w.plans().put(FLOW_KEY, w.flow(), new FlowPlans.Entry(w.plan(new FlowContext()), null));
            w.plans().put("other-key", w.flow(), new FlowPlans.Entry(w.plan(new FlowContext()), null));
            w.clock().now = w.clock().now.plus(FlowPlans.IDLE).minusSeconds(1);
            assertThat(w.plans().get(FLOW_KEY, w.flow())).isNotNull();
            w.plans().put(FLOW_KEY, w.flow(), new FlowPlans.Entry(w.plan(new FlowContext()), null)); // a step: idle again

            w.clock().now = w.clock().now.plus(Duration.ofMinutes(2));
            assertThat(w.plans().get("other-key", w.flow())).isNull();
            assertThat(w.rows()).as("read expired: deleted").isOne();

            w.clock().now = w.clock().now.plus(FlowPlans.IDLE);
            assertThat(w.plans().deleteExpired()).isOne();
            assertThat(w.rows()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void expiredRowsWhenAnotherPlanIsWrittenThenSwept(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            w.plans().put("abandoned", w.flow(), new FlowPlans.Entry(w.plan(new FlowContext()), null));
            w.clock().now = w.clock().now.plus(FlowPlans.IDLE).plusSeconds(1);

            w.plans().put(FLOW_KEY, w.flow(), new FlowPlans.Entry(w.plan(new FlowContext()), null));

            assertThat(w.rows()).isOne();
            assertThat(w.plans().get(FLOW_KEY, w.flow())).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void stepWhenReadAndWrittenThenCostsOneStatementEachPlusOnePerObjectTheContextNames(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = World.of(db);
            FlowContext context = new FlowContext();
            context.put(FlowKeys.PENDING_USER, w.alice());
            FlowPlan plan = w.plan(context);
            w.plans().put(FLOW_KEY, w.flow(), new FlowPlans.Entry(plan, null)); // new: update, insert, sweep

            assertThat(statements(db, () -> w.plans().get(FLOW_KEY, w.flow()))).as("read: plan + pending user")
                    .isEqualTo(2);
            assertThat(statements(db, () -> w.plans().put(FLOW_KEY, w.flow(), new FlowPlans.Entry(plan, null))))
                    .as("write").isEqualTo(1);
            assertThat(statements(db, () -> w.plans().move(FLOW_KEY, "rotated", w.flow(),
                    new FlowPlans.Entry(plan, null)))).as("rotation").isEqualTo(1);
        }
    }

    private static long statements(Database db, Runnable work) {
        io.micrometer.core.instrument.Counter counter = new io.micrometer.core.instrument.simple.SimpleMeterRegistry()
                .counter("statements");
        ScopedValue.where(dev.gatehouse.store.QueryCounter.SCOPE, counter).run(work);
        return (long) counter.count();
    }
}
