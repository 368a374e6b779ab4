package dev.gatehouse.stage.identification;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.stage.password.PasswordCheck;
import java.util.List;
import java.util.Map;
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
        Map<String, Object> c = run.config();
        return Optional.of(new IdentificationChallenge(
                c.get("user_fields") instanceof List<?> l ? l : null,
                c.get("password_stage") != null,
                flowUrl(run, c.get("enrollment_flow")),
                flowUrl(run, c.get("recovery_flow")),
                flowUrl(run, c.get("passwordless_flow")),
                "Log in",
                run.context().get(FlowKeys.LOGIN_HINT).orElse(null),
                run.plan().flow().designation(),
                false,
                List.of(),
                PasskeyLogin.options(run).orElse(null)));
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
        Map<String, Object> c = run.config();
        List<String> fields = IdentificationStageType.Config.DEFINITION.typed(c).userFields();
        Optional<User> user = new UserStore(run.services().db().dsl()).findForLogin(identifier.trim(),
                fields.contains("username"), fields.contains("email"),
                !Boolean.FALSE.equals(c.get("case_insensitive_matching")));
        run.context().put(FlowKeys.PENDING_USER_IDENTIFIER, identifier.trim());
        user.ifPresent(u -> run.context().put(FlowKeys.PENDING_USER, u));
        if (c.get("password_stage") != null) {
            String password = answer.password();
            String error = PasswordCheck.check(run, password == null ? "" : password, run.stage().name());
            Object limit = new StageStore(run.services().db().dsl())
                    .byPk(UUID.fromString(c.get("password_stage").toString()))
                    .map(st -> st.config().get("failed_attempts_before_cancel")).orElse(null);
            return PasswordCheck.result(run, error, limit, "non_field_errors",
                    PasswordCheck.THROTTLED.equals(error) ? error : FAILED);
        }
        if (user.isEmpty() && !Boolean.TRUE.equals(c.get("pretend_user_exists"))) {
            run.services().users().checkPassword(null, "");
            PasswordCheck.unknownUser(run, run.stage().name());
            return StageResult.Invalid.of("non_field_errors", FAILED);
        }
        return StageResult.CONTINUE;
    }

    private static String flowUrl(StageRun run, Object flowPk) {
        if (flowPk == null) {
            return null;
        }
        return new FlowStore(run.services().db().dsl()).byPk(UUID.fromString(flowPk.toString()))
                .map(f -> "/if/flow/" + f.slug() + "/").orElse(null);
    }
}
