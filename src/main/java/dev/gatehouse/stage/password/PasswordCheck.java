package dev.gatehouse.stage.password;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.Token;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.flow.engine.AuthMethods;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks the pending user's password, shared by the password stage and the identification stage's
 * embedded password field. An unknown user, an inactive one and a wrong password get the same answer
 * after the same work (one argon2 check); failures count in the brute-force throttle and are logged as
 * {@code login_failed}.
 */
public final class PasswordCheck {
    public static final String INVALID = "Invalid password";
    public static final String THROTTLED = "Too many failed attempts. Try again later.";

    private PasswordCheck() {
    }

    /**
     * The identification stage's embedded password field: null when the password is right for the backends of
     * the password stage it names in {@code password_stage} (as authentik), else the inbuilt backend only;
     * otherwise the error message.
     */
    public static String check(StageRun run, String password, String stageName) {
        return check(run, password, stageName, embeddedBackends(run));
    }

    static List<String> embeddedBackends(StageRun run) {
        List<String> inbuilt = List.of(PasswordStageType.INBUILT);
        if (!(run.config().get("password_stage") instanceof String ref)) {
            return inbuilt;
        }
        UUID pk;
        try {
            pk = UUID.fromString(ref);
        } catch (IllegalArgumentException notAUuid) {
            return inbuilt;
        }
        return new StageStore(run.services().db().dsl()).byPk(pk)
                .filter(st -> st.type().equals(PasswordStageType.NAME))
                .map(st -> PasswordStageType.Config.DEFINITION.typed(st.config()).backends()).orElse(inbuilt);
    }

    /**
     * Null when one of {@code backends} accepts the password, tried in their order as authentik does: the
     * inbuilt one checks the user's password hash, {@link TokenBackend} the user's app passwords; the LDAP and
     * Kerberos source backends have no source here and accept nothing. At least one argon2 check runs whatever
     * the list and whether or not the user exists. The backend that matched is recorded as the plan's
     * {@code auth_method} ({@code password} or {@code token}); otherwise the error message for the client.
     */
    public static String check(StageRun run, String password, String stageName, List<String> backends) {
        String identifier = throttleKey(run);
        String ip = run.request().clientIp();
        if (!run.services().throttle().allows(identifier, ip)) {
            loginFailed(run, identifier, stageName, "throttled");
            return THROTTLED;
        }
        User user = run.context().get(FlowKeys.PENDING_USER).orElse(null);
        String given = password == null ? "" : password;
        if (!backends.contains(PasswordStageType.INBUILT)) {
            run.services().users().checkPassword(null, given);
        }
        for (String backend : backends) {
            if (backend.equals(PasswordStageType.INBUILT)) {
                if (run.services().users().checkPassword(user, given) && user.isActive()) {
                    run.context().put(FlowKeys.AUTH_METHOD, AuthMethods.PASSWORD);
                    if (run.context().get(FlowKeys.AUTH_METHOD_ARGS).isEmpty()) {
                        run.context().put(FlowKeys.AUTH_METHOD_ARGS, Map.of());
                    }
                    return null;
                }
            } else if (backend.equals(PasswordStageType.TOKEN) && user != null && user.isActive()) {
                Optional<Token> token = TokenBackend.match(run.services().db().dsl(), user, given, Instant.now());
                if (token.isPresent()) {
                    run.context().put(FlowKeys.AUTH_METHOD, TokenBackend.AUTH_METHOD);
                    run.context().put(FlowKeys.AUTH_METHOD_ARGS, TokenBackend.methodArgs(token.get()));
                    return null;
                }
            }
        }
        run.services().throttle().failed(identifier, ip);
        loginFailed(run, identifier, stageName, "password");
        return INVALID;
    }

    /** The password stage's answer: retry, or cancel after failed_attempts_before_cancel failures. */
    public static StageResult result(StageRun run, String error) {
        return result(run, error, run.config(PasswordStageType.Config.DEFINITION).failedAttemptsBeforeCancel(), "password", error);
    }

    /**
     * The answer after a check: continue, show {@code shown} on {@code field}, or — once this plan has seen
     * {@code limit} failures — end the flow.
     */
    public static StageResult result(StageRun run, String error, int limit, String field, String shown) {
        if (error == null) {
            return StageResult.CONTINUE;
        }
        int failures = run.context().get(FlowKeys.PASSWORD_FAILURES).orElse(0) + 1;
        run.context().put(FlowKeys.PASSWORD_FAILURES, failures);
        if (limit > 0 && failures >= limit) {
            return new StageResult.Deny(error);
        }
        return StageResult.Invalid.of(field, shown);
    }

    /** The matched account's username (so username and email share one bucket), else what was typed. */
    public static String throttleKey(StageRun run) {
        return run.context().get(FlowKeys.PENDING_USER).map(User::username).orElseGet(() -> identifier(run));
    }

    /** Records a failed identification of an unknown user (pretend_user_exists off) like a failed password. */
    public static void unknownUser(StageRun run, String stageName) {
        run.services().throttle().failed(identifier(run), run.request().clientIp());
        loginFailed(run, identifier(run), stageName, "unknown_user");
    }

    static String identifier(StageRun run) {
        return run.context().get(FlowKeys.PENDING_USER_IDENTIFIER)
                .or(() -> run.context().get(FlowKeys.PENDING_USER).map(User::username)).orElse("");
    }

    /**
     * Counts a failed answer of another kind (a wrong authenticator code) in the same brute-force throttle as
     * passwords and logs it as {@code login_failed}; false when the throttle already refuses more attempts.
     */
    public static boolean allows(StageRun run) {
        return run.services().throttle().allows(throttleKey(run), run.request().clientIp());
    }

    /** Records a failed answer of another kind ({@code reason}: code, throttled) like a failed password. */
    public static void failed(StageRun run, String stageName, String reason) {
        String identifier = throttleKey(run);
        if (!reason.equals("throttled")) {
            run.services().throttle().failed(identifier, run.request().clientIp());
        }
        loginFailed(run, identifier, stageName, reason);
    }

    /** Logs a failed sign-in ({@code login_failed}) for {@code identifier} at {@code stageName}. */
    public static void loginFailed(StageRun run, String identifier, String stageName, String reason) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("username", identifier);
        ctx.put("stage", stageName);
        ctx.put("reason", reason);
        run.services().db().txRun(dsl -> EventLog.record(dsl, "login_failed",
                new Actor(null, run.request().clientIp()), ctx));
    }
}
