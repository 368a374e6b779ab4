package dev.gatehouse.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Bootstrap;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.flow.DefaultFlows;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyService;
import dev.gatehouse.policy.PolicyTypes;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.core.PolicyEngineMode;
import dev.gatehouse.policy.engine.PolicyRequest;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;
import dev.gatehouse.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private static List<String> authenticationStageTypes(Stores s) {
        Flow f = s.flows().bySlug(DefaultFlows.AUTHENTICATION).orElseThrow();
        return s.flowBindings().ofFlow(f.pk()).stream()
                .sorted(java.util.Comparator.comparingInt(FlowStageBinding::order))
                .map(b -> b.order() + ":" + s.stages().byPk(b.stage()).orElseThrow().type()).toList();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void existingDatabaseGetsTheSetupFlowsAndTheValidateStageOnceAndKeepsAdminChanges(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            bootstrap(db);
            Stores s = Stores.on(db.dsl());
            assertThat(authenticationStageTypes(s)).containsExactly("10:identification", "20:password",
                    "30:authenticator_validate", "100:user_login");
            for (String slug : List.of(DefaultFlows.TOTP_SETUP, DefaultFlows.STATIC_SETUP, DefaultFlows.WEBAUTHN_SETUP)) {
                assertThat(s.flows().bySlug(slug)).hasValueSatisfying(f -> {
                    assertThat(f.designation()).isEqualTo("stage_configuration");
                    assertThat(f.authentication()).isEqualTo("require_authenticated");
                });
            }
            Flow totp = s.flows().bySlug(DefaultFlows.TOTP_SETUP).orElseThrow();
            assertThat(s.flowBindings().ofFlow(totp.pk())).singleElement().satisfies(b ->
                    assertThat(s.stages().byPk(b.stage()).orElseThrow().type()).isEqualTo("authenticator_totp"));
            assertThat(s.flowBindings().ofFlow(s.flows().bySlug(DefaultFlows.WEBAUTHN_SETUP).orElseThrow().pk()))
                    .singleElement().satisfies(b -> assertThat(s.stages().byPk(b.stage()).orElseThrow().type())
                            .isEqualTo("authenticator_webauthn"));
            var validate = s.stages().byName(DefaultFlows.AUTHENTICATION_VALIDATE).orElseThrow();
            assertThat(validate.config()).containsEntry("not_configured_action", "skip")
                    .containsEntry("device_classes", List.of("static", "totp", "webauthn"));

            // A database from before issue 6: no MFA marker, flows or validate binding.
            Flow auth = s.flows().bySlug(DefaultFlows.AUTHENTICATION).orElseThrow();
            s.flowBindings().ofFlow(auth.pk()).stream().filter(b -> b.order() == 30)
                    .forEach(b -> db.dsl().execute("DELETE FROM flows_flowstagebinding WHERE uuid = ?", b.pk()));
            for (String slug : List.of(DefaultFlows.TOTP_SETUP, DefaultFlows.STATIC_SETUP, DefaultFlows.WEBAUTHN_SETUP)) {
                db.dsl().execute("DELETE FROM flows_flow WHERE slug = ?", slug);
            }
            db.dsl().execute("DELETE FROM system_state WHERE name = 'defaults.flows.mfa.v1'");
            bootstrap(db);
            assertThat(authenticationStageTypes(s)).containsExactly("10:identification", "20:password",
                    "30:authenticator_validate", "100:user_login");
            assertThat(s.flows().bySlug(DefaultFlows.TOTP_SETUP)).isPresent();

            // Once done, an admin's removal of the validate binding stays removed.
            s.flowBindings().ofFlow(auth.pk()).stream().filter(b -> b.order() == 30)
                    .forEach(b -> db.dsl().execute("DELETE FROM flows_flowstagebinding WHERE uuid = ?", b.pk()));
            bootstrap(db);
            assertThat(authenticationStageTypes(s)).doesNotContain("30:authenticator_validate");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void akUserHasAuthenticatorIsTrueOnceTheUserHasAConfirmedDevice(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Stores s = Stores.on(db.dsl());
            User alice = s.users().insert("alice", "Alice", "a@example.org", "!x", true, UserType.INTERNAL, "users", Map.of());
            User bob = s.users().insert("bob", "Bob", "b@example.org", "!x", true, UserType.INTERNAL, "users", Map.of());
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
