package dev.gatehouse.stage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationChanges;
import dev.gatehouse.core.ApplicationService;
import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserService;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowExecutor;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.FlowPlan;
import dev.gatehouse.flow.engine.FlowPlanner;
import dev.gatehouse.flow.engine.FlowRequest;
import dev.gatehouse.flow.engine.FlowServices;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.throttle.LoginThrottle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConsentStageTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private record Fixture(Database db, FlowPlanner planner, FlowExecutor executor, User user, Application app) {
        Flow flow(String mode, String expireIn) {
            DSLContext dsl = db.dsl();
            Flow f = new Flow(UUID.randomUUID(), "consent-" + mode, "c", "Consent", "authorization",
                    "require_authenticated", "message_continue", "stacked", "any", false, "", Instant.now());
            new FlowStore(dsl).insert(f);
            Stage stage = new StageStore(dsl).insert("consent-" + mode, "consent", Map.of("mode", mode, "consent_expire_in", expireIn));
            new FlowBindingStore(dsl).insert(new FlowStageBinding(UUID.randomUUID(), f.pk(), stage.pk(), 10, false, true,
                    "retry", "any"));
            return f;
        }

        FlowPlan plan(Flow f, Map<String, String> permissions) {
            FlowContext ctx = new FlowContext();
            ctx.put(FlowKeys.APPLICATION, app);
            ctx.put(FlowKeys.CONSENT_PERMISSIONS, permissions);
            return ((FlowPlanner.Planned.Ready) planner.plan(f, request(), ctx)).plan();
        }

        FlowRequest request() {
            return new FlowRequest(user, "127.0.0.1", PolicyRequest.Http.NONE, false);
        }
    }

    private static Fixture fixture(Database db) {
        PasswordHasher hasher = new PasswordHasher();
        new Bootstrap(db, hasher, new PrivateKeyCipher("test-secret-key"))
                .run(Optional.empty(), Optional.empty(), Optional.empty());
        FlowPlanner planner = new FlowPlanner(db, new PolicyEngine(db));
        UserService users = new UserService(db, hasher, new StoredSignIns());
        FlowExecutor executor = new FlowExecutor(planner, new FlowServices(db, users, new LoginThrottle(), new PolicyEngine(db),
                FlowServices.deviceSecrets("test-secret-key"),
                new dev.gatehouse.flow.engine.FlowPlans(db, "test-secret-key"), new dev.gatehouse.testing.RecordingMailer(),
                dev.gatehouse.testing.RecordingMailer.SETTINGS, null));
        User user = users.byUsername("akadmin").orElseThrow();
        Application app = new ApplicationService(db).create(Actor.SYSTEM, new ApplicationChanges("wiki", "Wiki",
                null, null, null, null, null, null, null, null));
        return new Fixture(db, planner, executor, user, app);
    }

    private static Step.Show show(Step step) {
        assertThat(step).isInstanceOf(Step.Show.class);
        return (Step.Show) step;
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void permanentConsentIsAskedOnceThenRememberedUntilMoreIsRequested(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("permanent", "weeks=4");
            List<dev.gatehouse.flow.engine.FlowEffect> effects = new ArrayList<>();

            FlowPlan first = fx.plan(flow, Map.of("openid", "Your identity", "email", "Your email address"));
            Step.Show asked = show(fx.executor().current(first, fx.request(), effects));
            assertThat(asked.challenge().component()).isEqualTo("ak-stage-consent");
            assertThat(asked.challenge().fields().get("header_text").toString()).contains("Wiki");
            assertThat((List<?>) asked.challenge().fields().get("permissions")).hasSize(2);

            Step.Show retried = show(fx.executor().submit(first, fx.request(), Map.of("token", "not-it"), effects));
            assertThat(retried.errors()).containsKey("token");
            assertThat(retried.challenge().component()).isEqualTo("ak-stage-consent");
            Step done = fx.executor().submit(first, fx.request(),
                    Map.of("token", retried.challenge().fields().get("token")), effects);
            assertThat(done).isInstanceOf(Step.Done.class);

            FlowPlan again = fx.plan(flow, Map.of("email", "Your email address"));
            assertThat(fx.executor().current(again, fx.request(), effects)).isInstanceOf(Step.Done.class);

            FlowPlan more = fx.plan(flow, Map.of("openid", "x", "profile", "Your profile"));
            assertThat(show(fx.executor().current(more, fx.request(), effects)).challenge().component())
                    .isEqualTo("ak-stage-consent");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void rememberedConsentWhenContextForcesConsentThenAskedAgain(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("permanent", "weeks=4");
            List<dev.gatehouse.flow.engine.FlowEffect> effects = new ArrayList<>();
            FlowPlan first = fx.plan(flow, Map.of("email", "Your email address"));
            Step.Show asked = show(fx.executor().current(first, fx.request(), effects));
            fx.executor().submit(first, fx.request(), Map.of("token", asked.challenge().fields().get("token")), effects);
            assertThat(fx.executor().current(fx.plan(flow, Map.of("email", "Your email address")), fx.request(), effects))
                    .isInstanceOf(Step.Done.class);

            FlowPlan forced = fx.plan(flow, Map.of("email", "Your email address"));
            forced.context().put(FlowKeys.CONSENT_FORCE, true);
            Step.Show again = show(fx.executor().current(forced, fx.request(), effects));
            assertThat(again.challenge().component()).isEqualTo("ak-stage-consent");
            assertThat(fx.executor().submit(forced, fx.request(), Map.of(), effects)).isInstanceOf(Step.Show.class);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void alwaysRequireAndElapsedExpiringConsentAskEveryTime(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            List<dev.gatehouse.flow.engine.FlowEffect> effects = new ArrayList<>();
            for (Flow flow : List.of(fx.flow("always_require", "weeks=4"), fx.flow("expiring", "seconds=0"))) {
                for (int round = 0; round < 2; round++) {
                    FlowPlan plan = fx.plan(flow, Map.of("openid", "Your identity"));
                    Step.Show asked = show(fx.executor().current(plan, fx.request(), effects));
                    assertThat(fx.executor().submit(plan, fx.request(),
                            Map.of("token", asked.challenge().fields().get("token")), effects))
                            .isInstanceOf(Step.Done.class);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void declinedConsentDeniesTheFlowAndIsNotRemembered(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("permanent", "weeks=4");
            List<dev.gatehouse.flow.engine.FlowEffect> effects = new ArrayList<>();
            FlowPlan plan = fx.plan(flow, Map.of("email", "Your email address"));
            Step.Show asked = show(fx.executor().current(plan, fx.request(), effects));

            assertThat(show(fx.executor().submit(plan, fx.request(), Map.of("token", "forged", "deny", "true"), effects))
                    .errors()).as("a decline needs the challenge's token too").containsKey("token");
            Step.Show again = show(fx.executor().current(plan, fx.request(), effects));
            Step declined = fx.executor().submit(plan, fx.request(),
                    Map.of("token", again.challenge().fields().get("token"), "deny", "true"), effects);

            assertThat(asked.challenge().component()).isEqualTo("ak-stage-consent");
            assertThat(declined).isEqualTo(new Step.Denied("You did not allow \"Wiki\" to access your account."));
            assertThat(show(fx.executor().current(fx.plan(flow, Map.of("email", "Your email address")), fx.request(),
                    effects)).challenge().component()).as("nothing remembered").isEqualTo("ak-stage-consent");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void defaultAuthorizationFlowsExistAndNeedASignedInUser(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            DSLContext dsl = db.dsl();
            Flow explicit = new FlowStore(dsl).bySlug(DefaultFlows.EXPLICIT_CONSENT).orElseThrow();
            Flow implicit = new FlowStore(dsl).bySlug(DefaultFlows.IMPLICIT_CONSENT).orElseThrow();

            assertThat(new FlowBindingStore(dsl).ofFlow(explicit.pk())).hasSize(1);
            assertThat(new FlowBindingStore(dsl).ofFlow(implicit.pk())).isEmpty();
            assertThat(fx.planner().plan(explicit, new FlowRequest(null, null, PolicyRequest.Http.NONE, false),
                    new FlowContext())).isInstanceOf(FlowPlanner.Planned.Denied.class);
            FlowContext ctx = new FlowContext();
            ctx.put(FlowKeys.APPLICATION, fx.app());
            FlowPlan plan = ((FlowPlanner.Planned.Ready) fx.planner().plan(explicit, fx.request(), ctx)).plan();
            assertThat(show(fx.executor().current(plan, fx.request(), new ArrayList<>())).challenge().component())
                    .isEqualTo("ak-stage-consent");
        }
    }
}
