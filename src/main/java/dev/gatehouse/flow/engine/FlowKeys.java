package dev.gatehouse.flow.engine;

import dev.gatehouse.core.User;
import java.util.Map;

/** The context keys authentik's stages share (CONTRACT.md "Flow context keys"). */
public final class FlowKeys {
    public static final ContextKey<User> PENDING_USER = new ContextKey<>("pending_user", User.class);
    public static final ContextKey<String> PENDING_USER_IDENTIFIER = new ContextKey<>("pending_user_identifier", String.class);
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final ContextKey<Map<String, Object>> PROMPT_DATA = new ContextKey<>("prompt_data", (Class) Map.class);
    public static final ContextKey<String> REDIRECT = new ContextKey<>("redirect", String.class);
    /** Who the caller expects to sign in (OIDC {@code login_hint}): the identification stage pre-fills it. */
    public static final ContextKey<String> LOGIN_HINT = new ContextKey<>("login_hint", String.class);
    /** The identifier this browser remembered ({@link FlowEffect.Remember}), read when the plan was made. */
    public static final ContextKey<String> REMEMBERED_IDENTIFIER = new ContextKey<>("remembered_identifier", String.class);
    /**
     * The invitation token of the link that started the plan ({@code ?itoken=}, authentik's invitation link): the
     * invitation stage looks the invitation up by it.
     */
    public static final ContextKey<String> INVITATION_TOKEN = new ContextKey<>("invitation_token", String.class);
    public static final ContextKey<Boolean> IS_SSO = new ContextKey<>("is_sso", Boolean.class);
    public static final ContextKey<String> AUTH_METHOD = new ContextKey<>("auth_method", String.class);
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final ContextKey<Map<String, Object>> AUTH_METHOD_ARGS = new ContextKey<>("auth_method_args", (Class) Map.class);
    public static final ContextKey<dev.gatehouse.core.Application> APPLICATION =
            new ContextKey<>("application", dev.gatehouse.core.Application.class);
    /** The permissions (scopes) an authorization asks for, as {@code id → description} (consent stage). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final ContextKey<Map<String, String>> CONSENT_PERMISSIONS = new ContextKey<>("consent_permissions", (Class) Map.class);
    /**
     * Set by an authorization that must ask for consent even when the user's earlier consent is remembered
     * (OIDC {@code prompt=consent}); the consent stage honours it.
     */
    public static final ContextKey<Boolean> CONSENT_FORCE = new ContextKey<>("consent_force", Boolean.class);
    /** The one-time token a consent challenge carries; the answer must return it. */
    public static final ContextKey<String> CONSENT_TOKEN = new ContextKey<>("consent_token", String.class);
    /**
     * Set when the plan was resumed from a link (authentik's {@code is_restored}): the plan was parked under a
     * single-use token ({@link FlowPlans#park}) and a browser opened {@code ?flow_token=}. The stage that parked it
     * (the email stage) completes on it and removes it.
     */
    public static final ContextKey<Boolean> IS_RESTORED = new ContextKey<>("is_restored", Boolean.class);
    /** Failed answers to the password stage in this plan (for failed_attempts_before_cancel). */
    public static final ContextKey<Integer> PASSWORD_FAILURES = new ContextKey<>("password_failures", Integer.class);

    /**
     * Why the flow asks what it asks next, shown above the next prompt stage's fields until that stage is answered
     * (the password expiry policy's "Password expired N days ago. Please update your password.").
     */
    public static final ContextKey<String> NOTICE = new ContextKey<>("notice", String.class);

    private FlowKeys() {
    }
}
