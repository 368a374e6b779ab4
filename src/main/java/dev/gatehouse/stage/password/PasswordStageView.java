package dev.gatehouse.stage.password;

import dev.gatehouse.flow.engine.AuthMethods;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import java.util.List;
import java.util.Optional;

/**
 * {@code ak-stage-password}: asks for the password of the identified user; skipped when the user signed in with a
 * passkey at the identification stage.
 */
public final class PasswordStageView implements StageView<PasswordResponse> {

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        if (AuthMethods.passwordless(run.context())) {
            return Optional.empty();
        }
        // What the user typed, never the matched account's name: the page must not tell whether it exists.
        String shown = PasswordCheck.identifier(run);
        return Optional.of(new PasswordChallenge(shown,
                run.config(PasswordStageType.Config.DEFINITION).allowShowPassword()));
    }

    @Override
    public List<StagePage> pages() {
        return List.of(StagePage.of(PasswordChallenge.COMPONENT, PasswordChallenge.class, PasswordResponse.class,
                "password.jte"));
    }

    @Override
    public StageResult submit(StageRun run, PasswordResponse response) {
        if (AuthMethods.passwordless(run.context())) {
            return StageResult.CONTINUE;
        }
        String text = response.password();
        if (text == null || text.isEmpty()) {
            return StageResult.Invalid.of("password", "This field is required.");
        }
        return PasswordCheck.result(run, PasswordCheck.check(run, text, run.stage().name(),
                run.config(PasswordStageType.Config.DEFINITION).backends()));
    }
}
