package dev.gatehouse.stage.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.TokenIntent;
import dev.gatehouse.core.TokenStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserService;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowEffect;
import dev.gatehouse.flow.engine.FlowExecutor;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.FlowPlan;
import dev.gatehouse.flow.engine.FlowPlanner;
import dev.gatehouse.flow.engine.FlowRequest;
import dev.gatehouse.flow.engine.FlowServices;
import dev.gatehouse.flow.engine.StageTypes;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.stage.StageService;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.throttle.LoginThrottle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The password stage's backends in-process on the bootstrapped default flow, on H2 and PostgreSQL: the default
 * stage lists InbuiltBackend and TokenBackend; an app password of the user signs in with {@code auth_method}
 * {@code token}; an expired one, another intent, another user's, or any app password once TokenBackend is not
 * listed is a wrong password, counted in the login throttle.
 */
class TokenBackendTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static final String PASSWORD = "alice-account-password";

    private static final class World {
        final Database db;
        final LoginThrottle throttle = new LoginThrottle();
        final FlowPlanner planner;
        final FlowExecutor executor;
        final User alice;
        final User bob;

        World(Database db) {
            this.db = db;
            new Bootstrap(db, HASHER, new PrivateKeyCipher("test-secret-key"))
                    .run(Optional.empty(), Optional.empty(), Optional.empty());
            planner = new FlowPlanner(db, new PolicyEngine(db));
            executor = new FlowExecutor(planner, new FlowServices(db, new UserService(db, HASHER, new StoredSignIns()),
                    throttle, new PolicyEngine(db), FlowServices.deviceSecrets("test-secret-key"),
                new dev.gatehouse.flow.engine.FlowPlans(db, "test-secret-key"), new dev.gatehouse.testing.RecordingMailer(),
                dev.gatehouse.testing.RecordingMailer.SETTINGS, null));
            alice = user("alice");
            bob = user("bob");
        }

        User user(String name) {
            return new UserStore(db.dsl()).insert(name, name, name + "@example.org", HASHER.hash(PASSWORD), true,
                    UserType.INTERNAL, "users", Map.of());
        }

        /** A token of {@code owner} with a fresh key; returns the key. */
        String token(String identifier, TokenIntent intent, User owner, Instant expires) {
            String key = Secrets.randomKey(60);
            new TokenStore(db.dsl()).insert(identifier, Secrets.sha256Hex(key), intent, owner.pk(), "", expires,
                    expires != null, null);
            return key;
        }

        Stage passwordStage() {
            return new StageStore(db.dsl()).byName("default-authentication-password").orElseThrow();
        }

        void backends(List<String> backends) {
            new StageService(db).update(Actor.SYSTEM, StageTypes.byName("password").orElseThrow(),
                    passwordStage().pk(), null, Map.of("backends", backends), false);
        }

        Attempt signIn(String username, String password) {
            FlowRequest request = new FlowRequest(null, "203.0.113.9", PolicyRequest.Http.NONE, false);
            FlowPlan plan = ((FlowPlanner.Planned.Ready) planner.plan(
                    new FlowStore(db.dsl()).bySlug(DefaultFlows.AUTHENTICATION).orElseThrow(), request,
                    new FlowContext())).plan();
            List<FlowEffect> effects = new ArrayList<>();
            executor.current(plan, request, effects);
            Step afterId = executor.submit(plan, request, Map.of("uid_field", username), effects);
            assertThat(afterId).as("after identification").isInstanceOfSatisfying(Step.Show.class,
                    s -> assertThat(s.challenge().component()).isEqualTo("ak-stage-password"));
            Step end = executor.submit(plan, request, Map.of("password", password), effects);
            return new Attempt(end, plan, effects);
        }

        /** The default identification stage with a password field checked as {@code default-authentication-password}. */
        void embedPasswordField() {
            Stage id = new StageStore(db.dsl()).byName("default-authentication-identification").orElseThrow();
            new StageService(db).update(Actor.SYSTEM, StageTypes.byName("identification").orElseThrow(), id.pk(), null,
                    Map.of("password_stage", passwordStage().pk().toString()), false);
        }

        /** Answers the identification stage with username and password together; the step after it. */
        Step identifyWithPassword(String username, String password) {
            FlowRequest request = new FlowRequest(null, "203.0.113.9", PolicyRequest.Http.NONE, false);
            FlowPlan plan = ((FlowPlanner.Planned.Ready) planner.plan(
                    new FlowStore(db.dsl()).bySlug(DefaultFlows.AUTHENTICATION).orElseThrow(), request,
                    new FlowContext())).plan();
            List<FlowEffect> effects = new ArrayList<>();
            executor.current(plan, request, effects);
            return executor.submit(plan, request, Map.of("uid_field", username, "password", password), effects);
        }

        long failedEvents() {
            return db.dsl().fetchCount(db.dsl().selectFrom("events_event").where("action = 'login_failed'"));
        }
    }

    record Attempt(Step end, FlowPlan plan, List<FlowEffect> effects) {
        boolean signedIn() {
            return end instanceof Step.Done && effects.stream().anyMatch(e -> e instanceof FlowEffect.Login);
        }

        boolean wrongPassword() {
            return end instanceof Step.Show s && s.errors().equals(Map.of("password", List.of(PasswordCheck.INVALID)));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void theDefaultStageListsInbuiltThenTokenAndAnAppPasswordSignsInAsToken(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            assertThat(PasswordStageType.Config.DEFINITION.typed(w.passwordStage().config()).backends())
                    .containsExactly(PasswordStageType.INBUILT, PasswordStageType.TOKEN);
            String key = w.token("alice-ldap", TokenIntent.APP_PASSWORD, w.alice, Instant.now().plus(Duration.ofDays(1)));

            Attempt app = w.signIn("alice", key);
            assertThat(app.signedIn()).as("%s", app.end()).isTrue();
            assertThat(app.plan().context().get(FlowKeys.AUTH_METHOD)).contains("token");
            Map<String, Object> args = app.plan().context().get(FlowKeys.AUTH_METHOD_ARGS).orElseThrow();
            assertThat(args.get("token")).isEqualTo(Map.of("pk", args.get("token") instanceof Map<?, ?> m ? m.get("pk") : "",
                    "name", "alice-ldap", "model_name", "token", "app", "authentik_core"));
            assertThat(args.toString()).doesNotContain(key);

            Attempt pwd = w.signIn("alice", PASSWORD);
            assertThat(pwd.signedIn()).isTrue();
            assertThat(pwd.plan().context().get(FlowKeys.AUTH_METHOD)).contains("password");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void expiredOtherIntentOrOtherUsersTokensAreWrongPasswordsCountedInTheThrottle(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            String expired = w.token("alice-old", TokenIntent.APP_PASSWORD, w.alice, Instant.now().minusSeconds(1));
            String api = w.token("alice-api", TokenIntent.API, w.alice, null);
            String bobs = w.token("bob-ldap", TokenIntent.APP_PASSWORD, w.bob, null);
            long before = w.failedEvents();
            for (String wrong : List.of(expired, api, bobs)) {
                assertThat(w.signIn("alice", wrong).wrongPassword()).isTrue();
            }
            assertThat(w.failedEvents() - before).isEqualTo(3);
            assertThat(w.signIn("bob", bobs).signedIn()).as("bob's own app password").isTrue();

            String good = w.token("alice-new", TokenIntent.APP_PASSWORD, w.alice, null);
            for (int i = 3; i < LoginThrottle.PER_USERNAME.capacity(); i++) {
                assertThat(w.signIn("alice", "wrong-" + i).wrongPassword()).isTrue();
            }
            Attempt throttled = w.signIn("alice", good);
            assertThat(throttled.signedIn()).as("failed app passwords count like wrong passwords").isFalse();
            assertThat(throttled.end().toString()).contains(PasswordCheck.THROTTLED);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void anAppPasswordIsCheckedOnlyWhenTheStageListsTokenBackend(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            String key = w.token("alice-ldap", TokenIntent.APP_PASSWORD, w.alice, null);
            w.backends(List.of(PasswordStageType.INBUILT));
            assertThat(w.signIn("alice", key).wrongPassword()).isTrue();
            assertThat(w.signIn("alice", PASSWORD).signedIn()).isTrue();

            w.backends(List.of(PasswordStageType.TOKEN));
            assertThat(w.signIn("alice", PASSWORD).wrongPassword()).as("the account password is not a token").isTrue();
            assertThat(w.signIn("alice", key).signedIn()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void anInactiveUsersAppPasswordIsRefused(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            String key = w.token("alice-ldap", TokenIntent.APP_PASSWORD, w.alice, null);
            db.dsl().execute("UPDATE core_user SET is_active = FALSE WHERE id = " + w.alice.pk());
            assertThat(w.signIn("alice", key).signedIn()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void anIdentificationStagesPasswordFieldUsesTheBackendsOfItsPasswordStage(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            String key = w.token("alice-ldap", TokenIntent.APP_PASSWORD, w.alice, null);
            w.embedPasswordField();
            assertThat(w.identifyWithPassword("alice", key)).as("accepted: the next stage is asked")
                    .isInstanceOfSatisfying(Step.Show.class, s -> assertThat(s.errors()).isEmpty());
            assertThat(w.identifyWithPassword("alice", key + "x")).isInstanceOfSatisfying(Step.Show.class,
                    s -> assertThat(s.errors()).containsKey("non_field_errors"));
            w.backends(List.of(PasswordStageType.INBUILT));
            assertThat(w.identifyWithPassword("alice", key)).isInstanceOfSatisfying(Step.Show.class,
                    s -> assertThat(s.errors()).containsKey("non_field_errors"));
        }
    }
}
