package dev.gatehouse.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Actor;
import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyService;
import dev.gatehouse.policy.PolicyTypes;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.core.PolicyEngineMode;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MFA defaults the bootstrap creates, also on a database from before them, and
 * {@code ak_user_has_authenticator} evaluated through the policy engine against stored devices (H2, PostgreSQL).
 */
class AuthenticatorDefaultsTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static void bootstrap(Database db) {
        new Bootstrap(db, new PasswordHasher(), new PrivateKeyCipher("test-secret-key"))
                .run(Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static List<String> authenticationStageTypes(DSLContext dsl) {
        Flow f = new FlowStore(dsl).bySlug(DefaultFlows.AUTHENTICATION).orElseThrow();
        return new FlowBindingStore(dsl).ofFlow(f.pk()).stream()
                .sorted(java.util.Comparator.comparingInt(FlowStageBinding::order))
                .map(b -> b.order() + ":" + new StageStore(dsl).byPk(b.stage()).orElseThrow().type()).toList();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void existingDatabaseGetsTheSetupFlowsAndTheValidateStageOnceAndKeepsAdminChanges(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            bootstrap(db);
            DSLContext dsl = db.dsl();
            assertThat(authenticationStageTypes(dsl)).containsExactly("10:identification", "20:password",
                    "30:authenticator_validate", "100:user_login");
            for (String slug : List.of(DefaultFlows.TOTP_SETUP, DefaultFlows.STATIC_SETUP, DefaultFlows.WEBAUTHN_SETUP)) {
                assertThat(new FlowStore(dsl).bySlug(slug)).hasValueSatisfying(f -> {
                    assertThat(f.designation()).isEqualTo("stage_configuration");
                    assertThat(f.authentication()).isEqualTo("require_authenticated");
                });
            }
            Flow totp = new FlowStore(dsl).bySlug(DefaultFlows.TOTP_SETUP).orElseThrow();
            assertThat(new FlowBindingStore(dsl).ofFlow(totp.pk())).singleElement().satisfies(b ->
                    assertThat(new StageStore(dsl).byPk(b.stage()).orElseThrow().type()).isEqualTo("authenticator_totp"));
            assertThat(new FlowBindingStore(dsl).ofFlow(new FlowStore(dsl).bySlug(DefaultFlows.WEBAUTHN_SETUP).orElseThrow().pk()))
                    .singleElement().satisfies(b -> assertThat(new StageStore(dsl).byPk(b.stage()).orElseThrow().type())
                            .isEqualTo("authenticator_webauthn"));
            var validate = new StageStore(dsl).byName(DefaultFlows.AUTHENTICATION_VALIDATE).orElseThrow();
            assertThat(validate.config()).containsEntry("not_configured_action", "skip")
                    .containsEntry("device_classes", List.of("static", "totp", "webauthn"));

            // A database from before issue 6: no MFA marker, flows or validate binding.
            Flow auth = new FlowStore(dsl).bySlug(DefaultFlows.AUTHENTICATION).orElseThrow();
            new FlowBindingStore(dsl).ofFlow(auth.pk()).stream().filter(b -> b.order() == 30)
                    .forEach(b -> db.dsl().execute("DELETE FROM flows_flowstagebinding WHERE uuid = ?", b.pk()));
            for (String slug : List.of(DefaultFlows.TOTP_SETUP, DefaultFlows.STATIC_SETUP, DefaultFlows.WEBAUTHN_SETUP)) {
                db.dsl().execute("DELETE FROM flows_flow WHERE slug = ?", slug);
            }
            db.dsl().execute("DELETE FROM system_state WHERE name = 'defaults.flows.mfa.v1'");
            bootstrap(db);
            assertThat(authenticationStageTypes(dsl)).containsExactly("10:identification", "20:password",
                    "30:authenticator_validate", "100:user_login");
            assertThat(new FlowStore(dsl).bySlug(DefaultFlows.TOTP_SETUP)).isPresent();

            // Once done, an admin's removal of the validate binding stays removed.
            new FlowBindingStore(dsl).ofFlow(auth.pk()).stream().filter(b -> b.order() == 30)
                    .forEach(b -> db.dsl().execute("DELETE FROM flows_flowstagebinding WHERE uuid = ?", b.pk()));
            bootstrap(db);
            assertThat(authenticationStageTypes(dsl)).doesNotContain("30:authenticator_validate");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void akUserHasAuthenticatorIsTrueOnceTheUserHasAConfirmedDevice(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            DSLContext dsl = db.dsl();
            User alice = new UserStore(dsl).insert("alice", "Alice", "a@example.org", "!x", true, UserType.INTERNAL, "users", Map.of());
            User bob = new UserStore(dsl).insert("bob", "Bob", "b@example.org", "!x", true, UserType.INTERNAL, "users", Map.of());
            Policy policy = new PolicyService(db).create(Actor.SYSTEM, PolicyTypes.byName("expression").orElseThrow(),
                    "require-2fa", false, Map.of("expression", "ak_user_has_authenticator(request.user)"));
            PolicyEngine engine = new PolicyEngine(db);
            assertThat(engine.evaluatePolicies(List.of(policy.pk()), PolicyEngineMode.ALL, PolicyRequest.of(alice))
                    .passing()).isFalse();
            new StaticDeviceStore(db.dsl()).insert(alice.pk(), "Codes", List.of(), Instant.now());
            assertThat(engine.evaluatePolicies(List.of(policy.pk()), PolicyEngineMode.ALL, PolicyRequest.of(alice))
                    .passing()).isTrue();
            assertThat(engine.evaluatePolicies(List.of(policy.pk()), PolicyEngineMode.ALL, PolicyRequest.of(bob))
                    .passing()).isFalse();
        }
    }
}
