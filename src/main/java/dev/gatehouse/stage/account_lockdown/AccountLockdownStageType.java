package dev.gatehouse.stage.account_lockdown;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.flow.engine.StageType;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.lockdown.AccountLockdown;
import java.util.UUID;

/**
 * Locks an account down from a flow (authentik's AccountLockdownStage): the pending user, the users a bulk lockdown
 * names, or else the signed-in user, with the reason from the prompt data's {@code reason}. Four switches, all on by
 * default, say what the lockdown does ({@link AccountLockdown.Actions}); a self-service lockdown ends the browser's own
 * session, so it then sends the browser to {@code self_service_completion_flow} (a flow that needs no sign-in) or
 * shows that the account was locked.
 */
public final class AccountLockdownStageType implements StageType {
    private static final AccountLockdownStageView VIEW = new AccountLockdownStageView();

    @Override
    public String name() {
        return "account_lockdown";
    }

    /** The stage's config as its view reads it; {@link #DEFINITION} declares each field once. */
    public record Config(boolean deactivateUser, boolean setUnusablePassword, boolean deleteSessions,
                         boolean revokeTokens, UUID selfServiceCompletionFlow) {
        public static final Field<Boolean> DEACTIVATE_USER = Field.bool("deactivate_user").byDefault(true)
                .help("Deactivate the user account (set is_active to False).");
        public static final Field<Boolean> SET_UNUSABLE_PASSWORD = Field.bool("set_unusable_password").byDefault(true)
                .help("Set an unusable password for the user.");
        public static final Field<Boolean> DELETE_SESSIONS = Field.bool("delete_sessions").byDefault(true)
                .help("Delete all active sessions for the user (browser, proxy, LDAP binds, flows in progress).");
        public static final Field<Boolean> REVOKE_TOKENS = Field.bool("revoke_tokens").byDefault(true)
                .help("Revoke all tokens for the user (API, app password, recovery, verification, OAuth).");
        public static final Field<UUID> SELF_SERVICE_COMPLETION_FLOW = Field.ref("self_service_completion_flow", "flow")
                .nullable().help("Flow to redirect users to after self-service lockdown. This flow should not require "
                        + "authentication since the user's session is deleted.");

        public static final Definition<Config> DEFINITION = Definition.define("account_lockdown_stage",
                        "AccountLockdownStage")
                .field(DEACTIVATE_USER, SET_UNUSABLE_PASSWORD, DELETE_SESSIONS, REVOKE_TOKENS,
                        SELF_SERVICE_COMPLETION_FLOW)
                .build(v -> new Config(v.value(DEACTIVATE_USER), v.value(SET_UNUSABLE_PASSWORD),
                        v.value(DELETE_SESSIONS), v.value(REVOKE_TOKENS), v.get(SELF_SERVICE_COMPLETION_FLOW)));

        AccountLockdown.Actions actions() {
            return new AccountLockdown.Actions(deactivateUser, setUnusablePassword, deleteSessions, revokeTokens);
        }
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    /** The completion flow runs after the user's session is gone: it must not need one. */
    @Override
    public void validate(ConfigCheck c) {
        Object flow = c.value(Config.SELF_SERVICE_COMPLETION_FLOW.name());
        if (flow != null) {
            String authentication = c.flowAuthentication(flow);
            if (authentication != null && !authentication.equals("none")) {
                c.error(Config.SELF_SERVICE_COMPLETION_FLOW.name(),
                        "Completion flow must not require authentication for self-service lockdown.");
            }
        }
    }

    @Override
    public StageView<?> view() {
        return VIEW;
    }
}
