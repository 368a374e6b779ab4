package dev.gatehouse.flow.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The behaviour of one stage type: what it asks, and what it does with the answer. A stage that needs
 * no input (user_login, deny) returns no challenge and acts in {@link #submit} with an empty answer.
 */
public interface StageView {

    Optional<Challenge> challenge(StageRun run);

    StageResult submit(StageRun run, Map<String, Object> response);

    /**
     * Called for every stage still ahead in a plan when an earlier stage denies it ({@link StageResult.Deny}: a
     * declined consent, a deny stage), so a stage that holds something open for the plan (a device authorization
     * waiting for the user's answer) can record the refusal. {@code run} is this stage's run; it must not fail.
     */
    default void planDenied(StageRun run) {
    }

    /** The pages this stage can show, one per challenge component it sends; none for a stage that asks nothing. */
    default List<StagePage> pages() {
        return List.of();
    }
}
