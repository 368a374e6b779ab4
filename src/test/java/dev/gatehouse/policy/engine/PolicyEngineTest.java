package dev.gatehouse.policy.engine;

import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.PolicyEngineMode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationChanges;
import dev.gatehouse.core.ApplicationService;
import dev.gatehouse.core.Group;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.policy.PolicyBindingChanges;
import dev.gatehouse.policy.PolicyBindingService;
import dev.gatehouse.policy.PolicyService;
import dev.gatehouse.policy.PolicyTypes;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy-binding semantics through the engine, stored on H2 and PostgreSQL (issue 3, Tests). */
class PolicyEngineTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    /** Anonymous, with a short password in the context for the password policies. */
    private static final PolicyRequest ANONYMOUS = new PolicyRequest(null, null, null, Map.of("password", "short"));

    /** A stored world: one application as the target, helpers to add policies, bindings, users and groups. */
    private static final class World {
        final Database db;
        final DSLContext s;
        final UUID target;
        private int policies;

        World(Database db) {
            this.db = db;
            this.s = db.dsl();
            this.target = app("app").pk();
        }

        Application app(String slug) {
            return new ApplicationService(db).create(Actor.SYSTEM, new ApplicationChanges(slug, slug, null, null,
                    null, null, null, null, null, null));
        }

        Policy policy(String type, Map<String, Object> config) {
            return new PolicyService(db).create(Actor.SYSTEM, PolicyTypes.byName(type).orElseThrow(),
                    type + "-" + ++policies, false, config);
        }

        Policy dummy(boolean result) {
            return policy("dummy", Map.of("result", result, "wait_min", 0, "wait_max", 0));
        }

        /** A password policy that fails for {@link #ANONYMOUS}'s password with this message. */
        Policy failing(String message) {
            return policy("password", Map.of("length_min", 100, "error_message", message));
        }

        PolicyBinding bind(UUID target, Policy p, int order, boolean negate, boolean enabled, int timeout,
                           boolean failureResult) {
            return new PolicyBindingService(db).create(Actor.SYSTEM, new PolicyBindingChanges(target,
                    Optional.of(p.pk()), null, null, negate, enabled, order, timeout, failureResult));
        }

        PolicyBinding bind(Policy p, int order) {
            return bind(target, p, order, false, true, 30, false);
        }

        PolicyBinding bindGroup(UUID target, Group g, boolean negate) {
            return new PolicyBindingService(db).create(Actor.SYSTEM, new PolicyBindingChanges(target, null,
                    Optional.of(g.pk()), null, negate, null, 0, null, null));
        }

        PolicyBinding bindUser(UUID target, User u) {
            return new PolicyBindingService(db).create(Actor.SYSTEM, new PolicyBindingChanges(target, null, null,
                    Optional.of(u.pk()), null, null, 0, null, null));
        }

        User user(String name) {
            return new UserStore(s).insert(name, name, name + "@example.org", PasswordHasher.unusable(), true,
                    UserType.INTERNAL, "users", Map.of());
        }

        Group group(String name, Group... parents) {
            Group g = new GroupStore(s).insert(name, false, Map.of());
            new GroupStore(s).setParents(g.pk(), List.of(parents).stream().map(Group::pk).toList());
            return g;
        }

        PolicyResult run(PolicyEngineMode mode, PolicyRequest request) {
            return new PolicyEngine(db).evaluate(target, mode, request);
        }

        PolicyResult run(UUID target, PolicyRequest request) {
            return new PolicyEngine(db).evaluate(target, PolicyEngineMode.ANY, request);
        }

        long events(String action) {
            return ((Number) db.dsl().fetchValue("SELECT COUNT(*) FROM events_event WHERE action = ?", action))
                    .longValue();
        }

        String lastEventContext(String action) {
            return db.dsl().fetchValue("SELECT context FROM events_event WHERE action = ? ORDER BY created DESC LIMIT 1",
                    action).toString();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateCarriesTheDemandsOfFailingNonNegatedPolicies(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            User u = w.user("expired");
            new UserStore(w.s).setPassword(u.pk(), u.passwordHash(), java.time.Instant.now().minus(java.time.Duration.ofDays(40)));
            PolicyRequest request = PolicyRequest.of(new UserStore(w.s).byPk(u.pk()).orElseThrow());
            Policy change = w.policy("password_expiry", Map.of("days", 30));
            Policy deny = w.policy("password_expiry", Map.of("days", 30, "deny_only", true));

            w.bind(change, 10);
            PolicyResult demanded = w.run(PolicyEngineMode.ALL, request);
            assertThat(demanded.passing()).isFalse();
            assertThat(demanded.demands()).containsExactly(dev.gatehouse.policy.Demand.PASSWORD_CHANGE);
            assertThat(demanded.messages()).containsExactly("Password expired 10 days ago. Please update your password.");
            w.bind(deny, 20);
            assertThat(w.run(PolicyEngineMode.ALL, request).demands())
                    .containsExactlyInAnyOrder(dev.gatehouse.policy.Demand.PASSWORD_CHANGE, dev.gatehouse.policy.Demand.DENY);
            w.bind(w.dummy(true), 30);
            assertThat(w.run(PolicyEngineMode.ANY, request)).as("a passing result demands nothing")
                    .extracting(PolicyResult::passing, PolicyResult::demands).containsExactly(true, java.util.Set.of());

            UUID negated = w.app("negated").pk();
            w.bind(negated, change, 0, true, true, 30, false);
            w.bind(negated, w.failing("too weak"), 1, false, true, 30, false);
            PolicyResult plain = w.run(negated, request);
            assertThat(plain.passing()).isTrue();
            PolicyResult all = new PolicyEngine(db).evaluate(negated, PolicyEngineMode.ALL,
                    request.withContext("password", "short"));
            assertThat(all.passing()).isFalse();
            assertThat(all.demands()).as("a negated binding's policy demands nothing").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenNoBindingsThenPassWithoutDecider(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            for (PolicyEngineMode mode : PolicyEngineMode.values()) {
                assertThat(w.run(mode, ANONYMOUS)).isEqualTo(new PolicyResult(true, List.of(), null));
            }
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenOneOfTwoPassesThenAnyPassesAndAllFails(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            PolicyBinding fails = w.bind(w.failing("too weak"), 10);
            PolicyBinding passes = w.bind(w.dummy(true), 20);

            PolicyResult any = w.run(PolicyEngineMode.ANY, ANONYMOUS);
            assertThat(any.passing()).isTrue();
            assertThat(any.binding()).isEqualTo(passes);
            assertThat(any.messages()).containsExactly("too weak");

            PolicyResult all = w.run(PolicyEngineMode.ALL, ANONYMOUS);
            assertThat(all.passing()).isFalse();
            assertThat(all.binding()).isEqualTo(fails);
            assertThat(all.messages()).containsExactly("too weak");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenEveryBindingPassesOrFailsThenDeciderIsTheLast(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            w.bind(w.dummy(true), 1);
            PolicyBinding last = w.bind(w.dummy(true), 2);
            assertThat(w.run(PolicyEngineMode.ALL, ANONYMOUS)).isEqualTo(new PolicyResult(true, List.of(), last));

            UUID other = w.app("other").pk();
            w.bind(other, w.dummy(false), 1, false, true, 30, false);
            PolicyBinding lastFail = w.bind(other, w.dummy(false), 2, false, true, 30, false);
            assertThat(w.run(other, ANONYMOUS)).isEqualTo(new PolicyResult(false, List.of(), lastFail));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenNegatedThenResultInverted(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            w.bind(w.target, w.dummy(false), 1, true, true, 30, false);
            assertThat(w.run(PolicyEngineMode.ALL, ANONYMOUS).passing()).isTrue();

            UUID other = w.app("other").pk();
            PolicyBinding negatedPass = w.bind(other, w.dummy(true), 1, true, true, 30, false);
            PolicyResult r = w.run(other, ANONYMOUS);
            assertThat(r.passing()).isFalse();
            assertThat(r.binding()).isEqualTo(negatedPass);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenNegatedPolicyFailsWithMessageThenPassesAndItsMessageIsNotShown(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            w.bind(w.target, w.failing("hidden"), 1, true, true, 30, false);
            w.bind(w.target, w.failing("shown"), 2, false, true, 30, false);
            PolicyResult r = w.run(PolicyEngineMode.ANY, ANONYMOUS);
            assertThat(r.passing()).isTrue();
            assertThat(r.messages()).containsExactly("shown");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenPolicyOutlivesTimeoutThenFailureResultAndPolicyExceptionEvent(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Map<String, Object> slow = Map.of("result", true, "wait_min", 2, "wait_max", 2);
            UUID lenient = w.app("lenient").pk();
            w.bind(lenient, w.policy("dummy", slow), 0, false, true, 1, true);
            UUID strict = w.app("strict").pk();
            PolicyBinding strictBinding = w.bind(strict, w.policy("dummy", slow), 0, false, true, 1, false);
            long before = w.events("policy_exception");

            long start = System.nanoTime();
            PolicyResult passes = w.run(lenient, ANONYMOUS);
            PolicyResult fails = w.run(strict, ANONYMOUS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(passes.passing()).isTrue();
            assertThat(fails.passing()).isFalse();
            assertThat(fails.binding()).isEqualTo(strictBinding);
            assertThat(fails.messages()).singleElement().asString().contains("timed out");
            assertThat(took).as("both evaluations stop at their 1 s timeout, not after the 2 s wait")
                    .isLessThan(Duration.ofSeconds(4));
            assertThat(w.events("policy_exception")).isEqualTo(before + 2);
            assertThat(w.lastEventContext("policy_exception")).contains("timed out").contains(strictBinding.pk().toString());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenExpressionFailsThenErrorUsesFailureResultAndRecordsEvent(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Policy expr = w.policy("expression", Map.of("expression", "user.attributes.missing == 1"));
            w.bind(w.target, expr, 0, false, true, 30, false);
            UUID lenient = w.app("lenient").pk();
            w.bind(lenient, expr, 0, false, true, 30, true);
            UUID negated = w.app("negated").pk();
            w.bind(negated, expr, 0, true, true, 30, false);

            PolicyResult r = w.run(PolicyEngineMode.ANY, ANONYMOUS);
            assertThat(r.passing()).as("a failing expression never pretends to pass").isFalse();
            assertThat(r.messages()).singleElement().asString().contains("'missing'");
            assertThat(w.run(lenient, ANONYMOUS).passing()).isTrue();
            assertThat(w.run(negated, ANONYMOUS).passing()).as("failure_result is not negated").isFalse();
            assertThat(w.events("policy_exception")).isEqualTo(3);
            assertThat(w.lastEventContext("policy_exception")).contains("missing").contains(expr.name());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenExpressionPolicyThenDecidesWithMessagesAndGroupsThroughParents(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Group staff = w.group("staff");
            Group backend = w.group("backend", w.group("engineering", staff));
            User member = w.user("member");
            User outsider = w.user("outsider");
            new GroupStore(w.s).addMember(backend.pk(), member.pk());
            PolicyBinding b = w.bind(w.policy("expression", Map.of("expression",
                    "ak_is_group_member(request.user, 'staff') || (ak_message('Staff only.') && false)")), 0);

            assertThat(w.run(PolicyEngineMode.ALL, PolicyRequest.of(member)))
                    .isEqualTo(new PolicyResult(true, List.of(), b));
            assertThat(w.run(PolicyEngineMode.ALL, PolicyRequest.of(outsider)))
                    .isEqualTo(new PolicyResult(false, List.of("Staff only."), b));
            assertThat(w.run(PolicyEngineMode.ALL, ANONYMOUS).messages()).containsExactly("Staff only.");
            assertThat(w.events("policy_exception")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenEvaluatorThrowsThenFailureResultWithoutLeakingAndEvent(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            w.bind(w.target, w.dummy(true), 0, false, true, 30, false);
            PolicyEngine broken = new PolicyEngine(db, type -> Optional.of((config, request) -> {
                throw new IllegalStateException("secret internals");
            }));
            PolicyResult r = broken.evaluate(w.target, PolicyEngineMode.ANY, ANONYMOUS);
            assertThat(r.passing()).isFalse();
            assertThat(r.messages()).singleElement().asString().contains("could not be evaluated")
                    .doesNotContain("secret internals");
            assertThat(w.lastEventContext("policy_exception")).contains("secret internals");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenGroupBindingThenMembersThroughParentsPass(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Group grandparent = w.group("grandparent");
            Group parent = w.group("parent", grandparent);
            Group child = w.group("child", parent);
            Group unrelated = w.group("unrelated");
            User member = w.user("member");
            User outsider = w.user("outsider");
            new GroupStore(w.s).addMember(child.pk(), member.pk());
            new GroupStore(w.s).addMember(unrelated.pk(), outsider.pk());

            UUID viaParent = w.app("via-parent").pk();
            PolicyBinding parentBinding = w.bindGroup(viaParent, parent, false);
            UUID viaGrandparent = w.app("via-grandparent").pk();
            w.bindGroup(viaGrandparent, grandparent, false);
            UUID notInGroup = w.app("not-in-group").pk();
            w.bindGroup(notInGroup, grandparent, true);

            PolicyResult r = w.run(viaParent, PolicyRequest.of(member));
            assertThat(r.passing()).isTrue();
            assertThat(r.binding()).isEqualTo(parentBinding);
            assertThat(w.run(viaGrandparent, PolicyRequest.of(member)).passing()).isTrue();
            assertThat(w.run(viaGrandparent, PolicyRequest.of(outsider)).passing()).isFalse();
            assertThat(w.run(viaGrandparent, ANONYMOUS).passing()).isFalse();
            assertThat(w.run(notInGroup, PolicyRequest.of(member)).passing()).isFalse();
            assertThat(w.run(notInGroup, PolicyRequest.of(outsider)).passing()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenUserBindingThenOnlyThatUserPasses(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            User alice = w.user("alice");
            User bob = w.user("bob");
            PolicyBinding b = w.bindUser(w.target, alice);
            assertThat(w.run(PolicyEngineMode.ALL, PolicyRequest.of(alice))).isEqualTo(new PolicyResult(true, List.of(), b));
            assertThat(w.run(PolicyEngineMode.ALL, PolicyRequest.of(bob)).passing()).isFalse();
            assertThat(w.run(PolicyEngineMode.ALL, ANONYMOUS).passing()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenBindingDisabledThenIgnored(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            w.bind(w.target, w.failing("disabled"), 1, false, false, 30, false);
            assertThat(w.run(PolicyEngineMode.ALL, ANONYMOUS)).as("only a disabled binding: no bindings")
                    .isEqualTo(new PolicyResult(true, List.of(), null));
            PolicyBinding enabled = w.bind(w.dummy(true), 2);
            assertThat(w.run(PolicyEngineMode.ALL, ANONYMOUS)).isEqualTo(new PolicyResult(true, List.of(), enabled));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenSeveralFailThenMessagesInBindingOrderAndFirstFailureDecides(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            w.bind(w.failing("third"), 30);
            PolicyBinding first = w.bind(w.failing("first"), 10);
            w.bind(w.dummy(true), 15);
            w.bind(w.failing("second"), 20);

            PolicyResult all = w.run(PolicyEngineMode.ALL, ANONYMOUS);
            assertThat(all.passing()).isFalse();
            assertThat(all.messages()).containsExactly("first", "second", "third");
            assertThat(all.binding()).isEqualTo(first);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void evaluateWhenExecutionLoggingThenPolicyExecutionEvent(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            World w = new World(db);
            Policy logged = new PolicyService(db).create(Actor.SYSTEM, PolicyTypes.byName("dummy").orElseThrow(),
                    "logged", true, Map.of("result", true, "wait_min", 0, "wait_max", 0));
            w.bind(logged, 0);
            w.bind(w.dummy(true), 1);
            w.run(PolicyEngineMode.ALL, ANONYMOUS);
            assertThat(w.events("policy_execution")).isEqualTo(1);
            assertThat(w.lastEventContext("policy_execution")).contains("logged");
        }
    }
}
