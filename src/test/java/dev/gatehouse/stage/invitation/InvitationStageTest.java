package dev.gatehouse.stage.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Event;
import dev.gatehouse.core.EventStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserService;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
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
import dev.gatehouse.flow.engine.StageTypes;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.throttle.LoginThrottle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invitation stage and the use-up of invitations, run through the flow executor on H2 and PostgreSQL: an
 * enrollment flow of invitation (10), prompt (20) and user_write (30), as seed 004's "enrollment-invitation".
 */
class InvitationStageTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final PasswordHasher HASHER = new PasswordHasher();

    private record Fixture(Database db, FlowPlanner planner, FlowExecutor executor, UserService users, User admin) {
        /** The enrollment flow; {@code continueWithout}: the stage's continue_flow_without_invitation. */
        Flow flow(String slug, boolean continueWithout) {
            Flow f = new Flow(UUID.randomUUID(), slug, slug, slug, "enrollment", "none", "message_continue",
                    "stacked", "any", false, "", Instant.now());
            new FlowStore(db.dsl()).insert(f);
            Stage invitation = new StageStore(db.dsl()).insert(slug + "-invitation", "invitation",
                    Map.of("continue_flow_without_invitation", continueWithout));
            Map<String, Object> write = new LinkedHashMap<>(StageTypes.byName("user_write").orElseThrow().defaults());
            write.put("user_type", "internal");
            Stage writer = new StageStore(db.dsl()).insert(slug + "-write", "user_write", write);
            bind(f, invitation, 10);
            bind(f, promptStage(slug + "-prompt"), 20);
            bind(f, writer, 30);
            return f;
        }

        /**
         * The prompt stage of the enrollment: username, name, email, password. The one place this test names the
         * prompt stage's config.
         */
        Stage promptStage(String name) {
            return new StageStore(db.dsl()).insert(name, "prompt", Map.of("fields", dev.gatehouse.testing.TestPrompts.pks(
                    db.dsl(), name, List.of(field("username", "username", 1), field("name", "text", 2),
                            field("email", "email", 3), field("password", "password", 4))),
                    "validation_policies", List.of()));
        }

        private void bind(Flow f, Stage s, int order) {
            new FlowBindingStore(db.dsl()).insert(new FlowStageBinding(UUID.randomUUID(), f.pk(), s.pk(), order, false,
                    true, "retry", "any"));
        }

        Invitation invitation(String name, Instant expires, boolean singleUse, Map<String, Object> fixed, Flow flow) {
            return new InvitationService(db).create(new Actor(admin, "192.0.2.1"), new InvitationChanges(name,
                    Optional.ofNullable(expires), singleUse, fixed, Optional.ofNullable(flow == null ? null : flow.pk())));
        }

        /** A plan of {@code f} as the link {@code ?itoken=<token>} starts it (null: no token). */
        FlowPlan plan(Flow f, String token) {
            FlowContext ctx = new FlowContext();
            if (token != null) {
                ctx.put(FlowKeys.INVITATION_TOKEN, token);
            }
            return plan(f, ctx);
        }

        FlowPlan plan(Flow f, FlowContext ctx) {
            return ((FlowPlanner.Planned.Ready) planner.plan(f, request(), ctx)).plan();
        }

        FlowRequest request() {
            return new FlowRequest(null, "192.0.2.7", PolicyRequest.Http.NONE, false);
        }

        Step current(FlowPlan plan) {
            return executor.current(plan, request(), new ArrayList<>());
        }

        Step signUp(FlowPlan plan, String username) {
            return executor.submit(plan, request(), Map.of("username", username, "name", "New " + username,
                    "email", username + "@example.org", "password", "Pw-" + username + "-12345"), new ArrayList<>());
        }

        boolean exists(Invitation i) {
            return new InvitationStore(db.dsl()).byPk(i.pk()).isPresent();
        }

        List<Event> used() {
            return new EventStore(db.dsl()).list(new PageRequest(1, 50, null, null, Map.of("action", "invitation_used")))
                    .results();
        }
    }

    private static Map<String, Object> field(String key, String type, int order) {
        return Map.of("field_key", key, "label", key, "type", type, "required", true, "order", order);
    }

    private static Fixture fixture(Database db) {
        new Bootstrap(db, HASHER, new PrivateKeyCipher("test-secret-key"))
                .run(Optional.empty(), Optional.empty(), Optional.empty());
        PolicyEngine policies = new PolicyEngine(db);
        FlowPlanner planner = new FlowPlanner(db, policies);
        UserService users = new UserService(db, HASHER, new StoredSignIns());
        return new Fixture(db, planner, new FlowExecutor(planner, new FlowServices(db, users, new LoginThrottle(),
                policies, FlowServices.deviceSecrets("test-secret-key"), new dev.gatehouse.flow.engine.FlowPlans(db, "test-secret-key"),
                new dev.gatehouse.testing.RecordingMailer(), dev.gatehouse.testing.RecordingMailer.SETTINGS, null)), users,
                users.byUsername("akadmin").orElseThrow());
    }

    private static Step.Show show(Step step) {
        assertThat(step).isInstanceOf(Step.Show.class);
        return (Step.Show) step;
    }

    private static String denied(Step step) {
        assertThat(step).isInstanceOf(Step.Denied.class);
        return ((Step.Denied) step).message();
    }

    @SuppressWarnings("unchecked")
    private static Object shownValue(Step.Show show, String key) {
        return ((List<Map<String, Object>>) show.challenge().fields().get("fields")).stream()
                .filter(f -> key.equals(f.get("field_key"))).findFirst().orElseThrow().get("initial_value");
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aValidLinkPutsTheFixedDataIntoThePromptFields(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("enroll", false);
            Invitation i = fx.invitation("family-jane", null, true,
                    Map.of("email", "jane@example.org", "name", "Jane Doe", "attributes", Map.of("team", "family")), flow);

            FlowPlan plan = fx.plan(flow, i.pk().toString());
            Step.Show prompt = show(fx.current(plan));

            assertThat(prompt.challenge().component()).isEqualTo("ak-stage-prompt");
            assertThat(shownValue(prompt, "email")).isEqualTo("jane@example.org");
            assertThat(shownValue(prompt, "name")).isEqualTo("Jane Doe");
            assertThat(shownValue(prompt, "username")).isNull();
            assertThat(plan.context().get(InvitationKeys.INVITATION)).map(Invitation::pk).contains(i.pk());
            assertThat(plan.context().get(InvitationKeys.IN_EFFECT)).contains(true);
            assertThat(fx.exists(i)).as("not used up by being shown").isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void theTokenMayAlsoComeFromThePromptData(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("enroll", false);
            Invitation i = fx.invitation("by-prompt", null, false, Map.of("email", "p@example.org"), flow);
            FlowContext ctx = new FlowContext();
            ctx.put(FlowKeys.PROMPT_DATA, Map.of("token", i.pk().toString()));

            assertThat(shownValue(show(fx.current(fx.plan(flow, ctx))), "email")).isEqualTo("p@example.org");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void anUnknownExpiredOrOtherFlowsInvitationIsRefusedWithAClearMessage(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("enroll", false);
            Flow other = fx.flow("other", false);
            Invitation expired = fx.invitation("old", Instant.now().minus(Duration.ofMinutes(1)), true, Map.of(), flow);
            Invitation forOther = fx.invitation("elsewhere", null, true, Map.of(), other);

            assertThat(denied(fx.current(fx.plan(flow, UUID.randomUUID().toString()))))
                    .isEqualTo("This invitation has expired or was already used.");
            assertThat(denied(fx.current(fx.plan(flow, "not-a-uuid"))))
                    .isEqualTo("This invitation has expired or was already used.");
            assertThat(denied(fx.current(fx.plan(flow, expired.pk().toString()))))
                    .isEqualTo("This invitation has expired or was already used.");
            assertThat(denied(fx.current(fx.plan(flow, forOther.pk().toString()))))
                    .isEqualTo("This invitation is not for this flow.");
            assertThat(denied(fx.current(fx.plan(flow, (String) null))))
                    .isEqualTo("This flow is open to invited users only: open the link of your invitation.");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void anInvitationWithoutAFlowWorksInAnyFlow(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("enroll", false);
            Invitation any = fx.invitation("anywhere", Instant.now().plus(Duration.ofDays(1)), false,
                    Map.of("email", "any@example.org"), null);

            assertThat(shownValue(show(fx.current(fx.plan(flow, any.pk().toString()))), "email"))
                    .isEqualTo("any@example.org");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void continueFlowWithoutInvitationLetsEveryoneThroughWithoutFixedData(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow open = fx.flow("open", true);

            Step.Show prompt = show(fx.current(fx.plan(open, (String) null)));
            assertThat(prompt.challenge().component()).isEqualTo("ak-stage-prompt");
            assertThat(show(fx.current(fx.plan(open, UUID.randomUUID().toString()))).challenge().component())
                    .isEqualTo("ak-stage-prompt");
            FlowPlan plan = fx.plan(open, (String) null);
            show(fx.current(plan));
            assertThat(fx.signUp(plan, "walkin")).isInstanceOf(Step.Done.class);
            assertThat(fx.users().byUsername("walkin")).isPresent();
            assertThat(fx.used()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aSingleUseInvitationIsUsedUpWhenTheUserIsWrittenAndRefusedAfterwards(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("enroll", false);
            Invitation i = fx.invitation("once", null, true, Map.of("attributes.invited", "yes"), flow);

            FlowPlan plan = fx.plan(flow, i.pk().toString());
            show(fx.current(plan));
            assertThat(fx.exists(i)).isTrue();
            assertThat(fx.signUp(plan, "jane")).isInstanceOf(Step.Done.class);

            User jane = fx.users().byUsername("jane").orElseThrow();
            assertThat(jane.attributes()).containsEntry("invited", "yes");
            assertThat(fx.exists(i)).as("used up by the write").isFalse();
            List<Event> used = fx.used();
            assertThat(used).hasSize(1);
            assertThat(used.getFirst().user()).containsEntry("username", "jane");
            assertThat(used.getFirst().context()).containsEntry("invitation_uuid", i.pk().toString().replace("-", ""))
                    .containsEntry("invitation_name", "once").containsEntry("single_use", true);

            assertThat(denied(fx.current(fx.plan(flow, i.pk().toString()))))
                    .isEqualTo("This invitation has expired or was already used.");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void anAbandonedOrFailedAttemptLeavesTheInvitation(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("enroll", false);
            Invitation i = fx.invitation("patient", null, true, Map.of(), flow);

            show(fx.current(fx.plan(flow, i.pk().toString()))); // abandoned at the prompt
            assertThat(fx.exists(i)).isTrue();

            FlowPlan failing = fx.plan(flow, i.pk().toString());
            show(fx.current(failing));
            Step.Show refused = show(fx.executor().submit(failing, fx.request(), Map.of("username", "jane"),
                    new ArrayList<>()));
            assertThat(refused.errors()).containsKey("email");
            assertThat(fx.exists(i)).as("an answer the prompt refused does not use it up").isTrue();
            // accepted by the prompt, refused by the write (a username over 150 characters)
            assertThat(denied(fx.signUp(failing, "j".repeat(160)))).startsWith("Failed to save the user");
            assertThat(fx.exists(i)).as("a write that failed does not use it up").isTrue();
            assertThat(fx.used()).isEmpty();

            FlowPlan later = fx.plan(flow, i.pk().toString());
            show(fx.current(later));
            assertThat(fx.signUp(later, "finally")).isInstanceOf(Step.Done.class);
            assertThat(fx.exists(i)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void ofTwoBrowsersHoldingOneSingleUseInvitationOnlyTheFirstToWriteCreatesItsUser(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("enroll", false);
            Invitation i = fx.invitation("contested", null, true, Map.of(), flow);
            FlowPlan first = fx.plan(flow, i.pk().toString());
            FlowPlan second = fx.plan(flow, i.pk().toString());
            show(fx.current(first));
            show(fx.current(second));

            assertThat(fx.signUp(first, "winner")).isInstanceOf(Step.Done.class);
            assertThat(denied(fx.signUp(second, "loser"))).isEqualTo("This invitation has expired or was already used.");

            assertThat(fx.users().byUsername("winner")).isPresent();
            assertThat(fx.users().byUsername("loser")).as("the loser's write does not stand").isEmpty();
            assertThat(fx.used()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void twoWritesAtTheSameMomentCreateExactlyOneUser(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("enroll", false);
            Invitation i = fx.invitation("raced", null, true, Map.of(), flow);
            List<FlowPlan> plans = List.of(fx.plan(flow, i.pk().toString()), fx.plan(flow, i.pk().toString()));
            plans.forEach(p -> show(fx.current(p)));
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Step>> steps = new ArrayList<>();
                for (int n = 0; n < 2; n++) {
                    FlowPlan p = plans.get(n);
                    String name = "racer" + n;
                    steps.add(pool.submit(() -> {
                        go.await();
                        return fx.signUp(p, name);
                    }));
                }
                go.countDown();
                List<Step> done = new ArrayList<>();
                for (Future<Step> f : steps) {
                    done.add(f.get());
                }
                assertThat(done).filteredOn(s -> s instanceof Step.Done).hasSize(1);
                assertThat(done).filteredOn(s -> s instanceof Step.Denied d
                        && d.message().equals("This invitation has expired or was already used.")).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            long created = java.util.stream.Stream.of("racer0", "racer1")
                    .filter(u -> fx.users().byUsername(u).isPresent()).count();
            assertThat(created).isEqualTo(1);
            assertThat(fx.exists(i)).isFalse();
            assertThat(fx.used()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aMultiUseInvitationStaysAndEachUseIsAnEvent(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("enroll", false);
            Invitation i = fx.invitation("team", null, false, Map.of(), flow);
            for (String u : List.of("ann", "bob")) {
                FlowPlan plan = fx.plan(flow, i.pk().toString());
                show(fx.current(plan));
                assertThat(fx.signUp(plan, u)).isInstanceOf(Step.Done.class);
            }
            assertThat(fx.exists(i)).isTrue();
            assertThat(fx.used()).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void anInvitationThatExpiresWhileTheFormIsOpenIsRefusedAtTheWrite(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Flow flow = fx.flow("enroll", false);
            Invitation i = fx.invitation("short", Instant.now().plus(Duration.ofHours(1)), false, Map.of(), flow);
            FlowPlan plan = fx.plan(flow, i.pk().toString());
            show(fx.current(plan));
            new InvitationService(db).update(new Actor(fx.admin(), null), i.pk(), new InvitationChanges(null,
                    Optional.of(Instant.now().minusSeconds(1)), null, null, null));

            assertThat(denied(fx.signUp(plan, "late"))).isEqualTo("This invitation has expired or was already used.");
            assertThat(fx.users().byUsername("late")).isEmpty();
        }
    }
}
