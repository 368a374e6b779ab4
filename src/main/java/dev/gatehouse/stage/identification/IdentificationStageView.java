package dev.gatehouse.stage.identification;

import dev.gatehouse.stage.password.PasswordStageType;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.FlowEffect;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.stage.password.PasswordCheck;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code ak-stage-identification}: asks for a username and/or email (and the password too when a password
 * stage is embedded). An unknown identifier is not revealed: with pretend_user_exists the flow goes on
 * to the password stage, which fails exactly as for a wrong password. On authentication flows the challenge also
 * offers passwordless sign-in with a discoverable passkey ({@link PasskeyLogin}).
 */
public final class IdentificationStageView implements StageView<IdentificationResponse> {
    public static final String FAILED = "Failed to authenticate.";

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        IdentificationStageType.Config c = run.config(IdentificationStageType.Config.DEFINITION);
        return Optional.of(new IdentificationChallenge(
                c.userFields(),
                c.passwordStage() != null,
                flowUrl(run, c.enrollmentFlow()),
                flowUrl(run, c.recoveryFlow()),
                flowUrl(run, c.passwordlessFlow()),
                "Log in",
                run.context().get(FlowKeys.LOGIN_HINT)
                        .or(() -> c.enableRememberMe() ? run.context().get(FlowKeys.REMEMBERED_IDENTIFIER) : Optional.empty())
                        .orElse(null),
                run.plan().flow().designation(),
                false,
                List.of(),
                PasskeyLogin.options(run).orElse(null),
                c.enableRememberMe()));
    }

    @Override
    public List<StagePage> pages() {
        return List.of(StagePage.of(IdentificationChallenge.COMPONENT, IdentificationChallenge.class,
                IdentificationResponse.class, "identification.jte"));
    }

    @Override
    public StageResult submit(StageRun run, IdentificationResponse answer) {
        Object passkey = answer.passkey();
        if (passkey != null && !(passkey instanceof String s && s.isBlank())) {
            return PasskeyLogin.submit(run, passkey);
        }
        String identifier = answer.uidField();
        if (identifier == null || identifier.isBlank()) {
            return StageResult.Invalid.of("uid_field", "This field is required.");
        }
        IdentificationStageType.Config c = run.config(IdentificationStageType.Config.DEFINITION);
        if (c.enableRememberMe()) {
            run.effects().add(new FlowEffect.Remember(Boolean.TRUE.equals(answer.rememberMe()) ? identifier.trim() : null));
        }
        List<String> fields = c.userFields();
        Optional<User> user = new UserStore(run.services().db().dsl()).findForLogin(identifier.trim(),
                fields.contains("username"), fields.contains("email"),
                c.caseInsensitiveMatching());
        run.context().put(FlowKeys.PENDING_USER_IDENTIFIER, identifier.trim());
        user.ifPresent(u -> run.context().put(FlowKeys.PENDING_USER, u));
        if (c.passwordStage() != null) {
            String password = answer.password();
            String error = PasswordCheck.check(run, password == null ? "" : password, run.stage().name());
            int limit = new StageStore(run.services().db().dsl()).byPk(c.passwordStage())
                    .map(st -> PasswordStageType.Config.DEFINITION.typed(st.config()).failedAttemptsBeforeCancel())
                    .orElse(0);
            return PasswordCheck.result(run, error, limit, "non_field_errors",
                    PasswordCheck.THROTTLED.equals(error) ? error : FAILED);
        }
        if (user.isEmpty() && !c.pretendUserExists()) {
            run.services().users().checkPassword(null, "");
            PasswordCheck.unknownUser(run, run.stage().name());
            return StageResult.Invalid.of("non_field_errors", FAILED);
        }
        return StageResult.CONTINUE;
    }

    private static String flowUrl(StageRun run, UUID flowPk) {
        if (flowPk == null) {
            return null;
        }
        return new FlowStore(run.services().db().dsl()).byPk(flowPk)
                .map(f -> "/if/flow/" + f.slug() + "/").orElse(null);
    }
}
