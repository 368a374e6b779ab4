package dev.gatehouse.stage.dummy;

import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.NoAnswer;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import java.util.List;
import java.util.Optional;

/**
 * {@code ak-stage-dummy}: shows the stage's name with a Continue button, and continues on any answer. With
 * {@code throw_error} it fails instead of asking: the flow ends with "Test error".
 */
public final class DummyStageView implements StageView<NoAnswer> {
    static final String ERROR = "Test error";

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        return throwsError(run) ? Optional.empty() : Optional.of(new DummyChallenge(run.stage().name()));
    }

    @Override
    public StageResult submit(StageRun run, NoAnswer response) {
        return throwsError(run) ? new StageResult.Deny(ERROR) : StageResult.CONTINUE;
    }

    @Override
    public List<StagePage> pages() {
        return List.of(StagePage.of(DummyChallenge.COMPONENT, DummyChallenge.class, NoAnswer.class, "dummy.jte"));
    }

    private static boolean throwsError(StageRun run) {
        return run.config(DummyStageType.Config.DEFINITION).throwError();
    }
}
