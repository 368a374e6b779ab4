package dev.gatehouse.bootstrap;

import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Brand;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.flow.engine.StageType;
import dev.gatehouse.flow.engine.StageTypes;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyStore;
import dev.gatehouse.stage.password.PasswordStageType;
import dev.gatehouse.store.SystemStateStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The flows a new installation starts with, created once (inside the bootstrap transaction) and then left
 * to the admin: they are ordinary data that can be rebound through the API. A flow whose slug already
 * exists is never touched.
 */
public final class DefaultFlows {
    public static final String AUTHENTICATION = "default-authentication-flow";
    public static final String INVALIDATION = "default-invalidation-flow";
    public static final String IMPLICIT_CONSENT = "default-provider-authorization-implicit-consent";
    public static final String EXPLICIT_CONSENT = "default-provider-authorization-explicit-consent";
    static final String MARKER = "defaults.flows.v1";
    public static final String INITIAL_SETUP = "initial-setup";
    static final String AUTHORIZATION_MARKER = "defaults.flows.authorization.v1";
    static final String INITIAL_SETUP_MARKER = "defaults.flows.initial-setup.v1";
    public static final String TOTP_SETUP = "default-authenticator-totp-setup";
    public static final String STATIC_SETUP = "default-authenticator-static-setup";
    public static final String WEBAUTHN_SETUP = "default-authenticator-webauthn-setup";
    public static final String AUTHENTICATION_VALIDATE = "default-authentication-mfa-validation";
    static final String MFA_MARKER = "defaults.flows.mfa.v1";
    public static final String PASSWORD_CHANGE = "default-password-change";
    static final String PASSWORD_CHANGE_POLICY = "default-password-change-password-policy";
    static final String PASSWORD_CHANGE_MARKER = "defaults.flows.password-change.v1";
    public static final String SOURCE_ENROLLMENT = "default-source-enrollment";
    public static final String USER_SETTINGS = "default-user-settings-flow";
    static final String USER_SETTINGS_POLICY = "default-user-settings-authorization";
    static final String ENROLLMENT_SETTINGS_MARKER = "defaults.flows.enrollment-user-settings.v1";
    public static final String LOCKDOWN = "default-account-lockdown";
    public static final String LOCKDOWN_COMPLETE = "default-account-lockdown-complete";
    static final String LOCKDOWN_MARKER = "defaults.flows.account-lockdown.v1";
    /** The title of the sign-in and initial-setup flows (V17 renames authentik's where still unedited). */
    public static final String TITLE = "Welcome to Gatehouse!";

    private DefaultFlows() {
    }

    public static void ensure(DSLContext dsl) {
        ensureAuthorization(dsl);
        ensureInitialSetup(dsl);
        ensurePasswordChange(dsl);
        ensureEnrollmentAndSettings(dsl);
        ensureLockdown(dsl);
        if (new SystemStateStore(dsl).get(MARKER).isPresent()) {
            ensureMfa(dsl);
            return;
        }
        UUID authentication = new FlowStore(dsl).bySlug(AUTHENTICATION).map(Flow::pk).orElseGet(() -> {
            Flow f = flow(dsl, AUTHENTICATION, TITLE, "authentication");
            bind(dsl, f, 10, stage(dsl, "default-authentication-identification", "identification",
                    Map.of("user_fields", List.of("username", "email"))));
            bind(dsl, f, 20, stage(dsl, "default-authentication-password", "password",
                    Map.of("backends", PasswordStageType.DEFAULT_BACKENDS)));
            bind(dsl, f, 100, stage(dsl, "default-authentication-login", "user_login", Map.of()));
            return f.pk();
        });
        UUID invalidation = new FlowStore(dsl).bySlug(INVALIDATION).map(Flow::pk).orElseGet(() -> {
            Flow f = flow(dsl, INVALIDATION, "Logout", "invalidation");
            bind(dsl, f, 0, stage(dsl, "default-invalidation-logout", "user_logout", Map.of()));
            return f.pk();
        });
        new BrandStore(dsl).defaultBrand().ifPresent(b -> new BrandStore(dsl).defaultFlows(b.pk(), authentication, invalidation));
        new SystemStateStore(dsl).putIfAbsent(MARKER, Instant.now().toString());
        ensureMfa(dsl);
    }

    /**
     * Authenticator devices (issue 6), for new and existing installations alike: the setup flows
     * ({@code stage_configuration}, for a signed-in user) of TOTP and static codes with their stages, the WebAuthn
     * setup flow, and an authenticator_validate stage at
     * order 30 of the default authentication flow (skipped for users without a device) unless that flow already
     * has a stage at that order or a validate stage. Once done it is never redone: the admin may change all of it.
     */
    private static void ensureMfa(DSLContext dsl) {
        if (new SystemStateStore(dsl).get(MFA_MARKER).isPresent()) {
            return;
        }
        if (new FlowStore(dsl).bySlug(TOTP_SETUP).isEmpty()) {
            Flow f = flow(dsl, TOTP_SETUP, "Set up Two-Factor authentication", "stage_configuration",
                    "require_authenticated");
            bind(dsl, f, 0, stage(dsl, "default-authenticator-totp-setup", "authenticator_totp", Map.of()));
        }
        if (new FlowStore(dsl).bySlug(STATIC_SETUP).isEmpty()) {
            Flow f = flow(dsl, STATIC_SETUP, "Set up Static OTP Tokens", "stage_configuration", "require_authenticated");
            bind(dsl, f, 0, stage(dsl, "default-authenticator-static-setup", "authenticator_static", Map.of()));
        }
        if (new FlowStore(dsl).bySlug(WEBAUTHN_SETUP).isEmpty()) {
            Flow f = flow(dsl, WEBAUTHN_SETUP, "Set up WebAuthn", "stage_configuration", "require_authenticated");
            bind(dsl, f, 0, stage(dsl, WEBAUTHN_SETUP, "authenticator_webauthn", Map.of("configure_flow", f.pk().toString())));
        }
        new FlowStore(dsl).bySlug(AUTHENTICATION).ifPresent(f -> {
            List<FlowStageBinding> bindings = new FlowBindingStore(dsl).ofFlow(f.pk());
            boolean taken = bindings.stream().anyMatch(b -> b.order() == 30 || new StageStore(dsl).byPk(b.stage())
                    .map(st -> st.type().equals("authenticator_validate")).orElse(false));
            if (!taken) {
                bind(dsl, f, 30, stage(dsl, AUTHENTICATION_VALIDATE, "authenticator_validate", Map.of(
                        "not_configured_action", "skip", "device_classes", List.of("static", "totp", "webauthn"))));
            }
        });
        new SystemStateStore(dsl).putIfAbsent(MFA_MARKER, Instant.now().toString());
    }

    /** The provider authorization flows: implicit (no stage) and explicit consent (a consent stage). */
    private static void ensureAuthorization(DSLContext dsl) {
        if (new SystemStateStore(dsl).get(AUTHORIZATION_MARKER).isPresent()) {
            return;
        }
        if (new FlowStore(dsl).bySlug(IMPLICIT_CONSENT).isEmpty()) {
            flow(dsl, IMPLICIT_CONSENT, "Redirecting to %(app)s", "authorization", "require_authenticated");
        }
        if (new FlowStore(dsl).bySlug(EXPLICIT_CONSENT).isEmpty()) {
            Flow f = flow(dsl, EXPLICIT_CONSENT, "Redirecting to %(app)s", "authorization", "require_authenticated");
            bind(dsl, f, 10, stage(dsl, "default-provider-authorization-consent", "consent", Map.of()));
        }
        new SystemStateStore(dsl).putIfAbsent(AUTHORIZATION_MARKER, Instant.now().toString());
    }

    /**
     * {@code initial-setup}: the gate (akadmin while it has no usable password) → email and password twice →
     * write them to akadmin → sign in. The gate runs again just before the write, so a second browser that
     * started the setup earlier cannot overwrite the first one's password.
     */
    private static void ensureInitialSetup(DSLContext dsl) {
        if (new SystemStateStore(dsl).get(INITIAL_SETUP_MARKER).isPresent()) {
            return;
        }
        if (new FlowStore(dsl).bySlug(INITIAL_SETUP).isEmpty()) {
            Flow f = flow(dsl, INITIAL_SETUP, TITLE, "stage_configuration");
            Stage gate = stage(dsl, "initial-setup-admin", "initial_setup", Map.of());
            bind(dsl, f, 0, gate);
            bind(dsl, f, 10, stage(dsl, "initial-setup-prompt", "prompt", Map.of("fields", DefaultPrompts.pks(dsl,
                    DefaultPrompts.SETUP_EMAIL, DefaultPrompts.SETUP_PASSWORD, DefaultPrompts.SETUP_PASSWORD_REPEAT))));
            bind(dsl, f, 15, gate);
            bind(dsl, f, 20, stage(dsl, "initial-setup-write", "user_write",
                    Map.of("user_creation_mode", "never_create")));
            bind(dsl, f, 100, stage(dsl, "initial-setup-login", "user_login", Map.of()));
        }
        new SystemStateStore(dsl).putIfAbsent(INITIAL_SETUP_MARKER, Instant.now().toString());
    }

    /**
     * {@code default-password-change}, as authentik's blueprint: for a signed-in user, the new password twice (a
     * prompt stage whose validation policy asks for at least 8 characters), then written to that user (user_write,
     * never creating one). The user interface links "Change password" here; the write ends the user's other sessions.
     */
    private static void ensurePasswordChange(DSLContext dsl) {
        if (new SystemStateStore(dsl).get(PASSWORD_CHANGE_MARKER).isPresent()) {
            return;
        }
        if (new FlowStore(dsl).bySlug(PASSWORD_CHANGE).isEmpty()) {
            UUID policy = new PolicyStore(dsl).byName(PASSWORD_CHANGE_POLICY).map(Policy::pk).orElseGet(() -> {
                Policy p = new PolicyStore(dsl).insert(PASSWORD_CHANGE_POLICY, "password", Map.of(
                        "password_field", "password", "length_min", 8,
                        "error_message", "Password needs to be 8 characters or longer."), false);
                EventLog.modelCreated(dsl, Actor.SYSTEM, "policy", p.pk(), p.name());
                return p.pk();
            });
            Flow f = flow(dsl, PASSWORD_CHANGE, "Change password", "stage_configuration", "require_authenticated");
            bind(dsl, f, 0, stage(dsl, "default-password-change-prompt", "prompt", Map.of(
                    "fields", DefaultPrompts.pks(dsl, DefaultPrompts.PASSWORD_CHANGE_PASSWORD,
                            DefaultPrompts.PASSWORD_CHANGE_PASSWORD_REPEAT),
                    "validation_policies", List.of(policy.toString()))));
            bind(dsl, f, 1, stage(dsl, "default-password-change-write", "user_write",
                    Map.of("user_creation_mode", "never_create")));
        }
        new SystemStateStore(dsl).putIfAbsent(PASSWORD_CHANGE_MARKER, Instant.now().toString());
    }

    /**
     * {@code default-source-enrollment} and {@code default-user-settings-flow}, as authentik's blueprints, for new and
     * existing installations alike (once; a flow whose slug exists is left alone). Enrollment: a username, name,
     * email and password twice → a new user → signed in. Authentik's flow-level "only from a source" policy is left
     * out, as Gatehouse has no sources. User settings: the signed-in user's username, name and email, written back
     * to that user, and the default brand's user settings flow when it has none.
     */
    private static void ensureEnrollmentAndSettings(DSLContext dsl) {
        if (new SystemStateStore(dsl).get(ENROLLMENT_SETTINGS_MARKER).isPresent()) {
            return;
        }
        if (new FlowStore(dsl).bySlug(SOURCE_ENROLLMENT).isEmpty()) {
            Flow f = flow(dsl, SOURCE_ENROLLMENT, "Welcome to Gatehouse! Please select a username.", "enrollment");
            bind(dsl, f, 0, stage(dsl, "default-source-enrollment-prompt", "prompt", Map.of("fields",
                    DefaultPrompts.pks(dsl, DefaultPrompts.SOURCE_ENROLLMENT_USERNAME, DefaultPrompts.USER_SETTINGS_NAME,
                            DefaultPrompts.USER_SETTINGS_EMAIL, DefaultPrompts.SETUP_PASSWORD,
                            DefaultPrompts.SETUP_PASSWORD_REPEAT))));
            bind(dsl, f, 1, stage(dsl, "default-source-enrollment-write", "user_write",
                    Map.of("user_creation_mode", "always_create")));
            bind(dsl, f, 2, stage(dsl, "default-source-enrollment-login", "user_login", Map.of()));
        }
        UUID settings = new FlowStore(dsl).bySlug(USER_SETTINGS).map(Flow::pk).orElseGet(() -> {
            Flow f = flow(dsl, USER_SETTINGS, "Update your info", "stage_configuration", "require_authenticated");
            bind(dsl, f, 20, stage(dsl, "default-user-settings", "prompt", Map.of(
                    "fields", DefaultPrompts.pks(dsl, DefaultPrompts.USER_SETTINGS_USERNAME,
                            DefaultPrompts.USER_SETTINGS_NAME, DefaultPrompts.USER_SETTINGS_EMAIL),
                    "validation_policies", List.of(userSettingsPolicy(dsl).toString()))));
            bind(dsl, f, 100, stage(dsl, "default-user-settings-write", "user_write",
                    Map.of("user_creation_mode", "never_create")));
            return f.pk();
        });
        new BrandStore(dsl).defaultBrand().filter(b -> b.flowUserSettings() == null).ifPresent(b ->
                new BrandStore(dsl).update(new Brand(b.pk(), b.domain(), b.isDefault(), b.brandingTitle(),
                        b.brandingLogo(), b.brandingFavicon(), b.flowAuthentication(), b.flowInvalidation(),
                        b.flowRecovery(), b.flowUnenrollment(), settings, b.flowDeviceCode(), b.flowLockdown(),
                        b.defaultApplication(),
                        b.attributes())));
        new SystemStateStore(dsl).putIfAbsent(ENROLLMENT_SETTINGS_MARKER, Instant.now().toString());
    }

    /**
     * The account lockdown flows, for new and existing installations alike (once; a flow whose slug exists is left
     * alone). {@code default-account-lockdown}, for a signed-in user: a warning and the reason (a prompt stage), then
     * the account_lockdown stage with every switch on, which sends a user who locked their own account to
     * {@code default-account-lockdown-complete} (no sign-in needed: the session is gone), a page saying the account
     * was locked. The default brand's lockdown flow when it has none.
     */
    private static void ensureLockdown(DSLContext dsl) {
        if (new SystemStateStore(dsl).get(LOCKDOWN_MARKER).isPresent()) {
            return;
        }
        UUID complete = new FlowStore(dsl).bySlug(LOCKDOWN_COMPLETE).map(Flow::pk).orElseGet(() -> {
            Flow f = flow(dsl, LOCKDOWN_COMPLETE, "Account locked", "stage_configuration", "none");
            bind(dsl, f, 0, stage(dsl, "default-account-lockdown-complete-message", "prompt", Map.of("fields",
                    DefaultPrompts.pks(dsl, DefaultPrompts.LOCKDOWN_COMPLETE))));
            return f.pk();
        });
        UUID lockdown = new FlowStore(dsl).bySlug(LOCKDOWN).map(Flow::pk).orElseGet(() -> {
            Flow f = flow(dsl, LOCKDOWN, "Lock account", "stage_configuration", "require_authenticated");
            bind(dsl, f, 0, stage(dsl, "default-account-lockdown-prompt", "prompt", Map.of("fields",
                    DefaultPrompts.pks(dsl, DefaultPrompts.LOCKDOWN_WARNING, DefaultPrompts.LOCKDOWN_REASON))));
            bind(dsl, f, 10, stage(dsl, "default-account-lockdown", "account_lockdown",
                    Map.of("self_service_completion_flow", complete.toString())));
            return f.pk();
        });
        new BrandStore(dsl).defaultBrand().filter(b -> b.flowLockdown() == null).ifPresent(b ->
                new BrandStore(dsl).update(new Brand(b.pk(), b.domain(), b.isDefault(), b.brandingTitle(),
                        b.brandingLogo(), b.brandingFavicon(), b.flowAuthentication(), b.flowInvalidation(),
                        b.flowRecovery(), b.flowUnenrollment(), b.flowUserSettings(), b.flowDeviceCode(), lockdown,
                        b.defaultApplication(), b.attributes())));
        new SystemStateStore(dsl).putIfAbsent(LOCKDOWN_MARKER, Instant.now().toString());
    }

    /**
     * authentik's {@code default-user-settings-authorization}: a user may change their username, name or email only
     * where allowed. Written in CEL, which reads group attributes but not the system settings: a change needs the
     * group attribute authentik uses ({@code goauthentik.io/user/can-change-username}, {@code -name},
     * {@code -email}) set to true; an unchanged value always passes.
     */
    private static UUID userSettingsPolicy(DSLContext dsl) {
        return new PolicyStore(dsl).byName(USER_SETTINGS_POLICY).map(Policy::pk).orElseGet(() -> {
            Policy p = new PolicyStore(dsl).insert(USER_SETTINGS_POLICY, "expression",
                    Map.of("expression", UserSettingsPolicy.EXPRESSION), false);
            EventLog.modelCreated(dsl, Actor.SYSTEM, "policy", p.pk(), p.name());
            return p.pk();
        });
    }

    private static Flow flow(DSLContext dsl, String slug, String title, String designation) {
        return flow(dsl, slug, title, designation, "none");
    }

    private static Flow flow(DSLContext dsl, String slug, String title, String designation, String authentication) {
        Flow f = new Flow(UUID.randomUUID(), slug, slug, title, designation, authentication, "message_continue", "stacked",
                "any", false, "", Instant.now());
        new FlowStore(dsl).insert(f);
        EventLog.modelCreated(dsl, Actor.SYSTEM, "flow", f.pk(), f.slug());
        return new FlowStore(dsl).bySlug(slug).orElseThrow();
    }

    /** The named stage, or a new one of that type with its defaults plus {@code overrides}. */
    private static Stage stage(DSLContext dsl, String name, String type, Map<String, Object> overrides) {
        return new StageStore(dsl).byName(name).orElseGet(() -> {
            StageType t = StageTypes.byName(type).orElseThrow();
            Map<String, Object> config = t.defaults();
            config.putAll(overrides);
            Stage st = new StageStore(dsl).insert(name, type, config);
            EventLog.modelCreated(dsl, Actor.SYSTEM, "stage", st.pk(), st.name());
            return st;
        });
    }

    private static void bind(DSLContext dsl, Flow f, int order, Stage stage) {
        new FlowBindingStore(dsl).insert(new FlowStageBinding(UUID.randomUUID(), f.pk(), stage.pk(), order, false, true,
                "retry", "any"));
    }
}
