package dev.gatehouse.stage.initial_setup;

import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.NoAnswer;
import dev.gatehouse.flow.engine.StageView;
import java.util.Optional;

/** Sets the bootstrap admin as the pending user while it has no usable password; refuses the flow after. */
public final class InitialSetupStageView implements StageView<NoAnswer> {
    public static final String DONE = "The initial setup has already been completed. Sign in instead.";

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        return Optional.empty();
    }

    @Override
    public StageResult submit(StageRun run, NoAnswer response) {
        Optional<User> admin = run.services().users().byUsername(run.config(InitialSetupStageType.Config.DEFINITION).username())
                .filter(User::isActive).filter(u -> !u.hasUsablePassword());
        if (admin.isEmpty()) {
            return new StageResult.Deny(DONE);
        }
        run.context().put(FlowKeys.PENDING_USER, admin.get());
        return StageResult.CONTINUE;
    }
}
