package dev.gatehouse.stage.password;

import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.stage.identification.PasskeyLogin;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ak-stage-password}: asks for the password of the identified user; skipped when the user signed in with a
 * passkey at the identification stage.
 */
public final class PasswordStageView implements StageView {

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        if (PasskeyLogin.passwordless(run.context())) {
            return Optional.empty();
        }
        // What the user typed, never the matched account's name: the page must not tell whether it exists.
        String shown = PasswordCheck.identifier(run);
        return Optional.of(Challenge.of("ak-stage-password", "pending_user", shown,
                "allow_show_password", run.config().get("allow_show_password")));
    }

    @Override
    public StageResult submit(StageRun run, Map<String, Object> response) {
        if (PasskeyLogin.passwordless(run.context())) {
            return StageResult.CONTINUE;
        }
        Object password = response.get("password");
        if (!(password instanceof String text) || text.isEmpty()) {
            return StageResult.Invalid.of("password", "This field is required.");
        }
        return PasswordCheck.result(run, PasswordCheck.check(run, text, run.stage().name()));
    }
}
