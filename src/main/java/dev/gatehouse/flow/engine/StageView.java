package dev.gatehouse.flow.engine;

import java.util.List;
import java.util.Optional;

/**
 * The behaviour of one stage type: what it asks, and what it does with the answer. A stage that needs
 * no input (user_login, deny) returns no challenge and acts in {@link #submit} with an empty answer.
 * The executor reads the answer into the response record of the stage's page ({@link #response()}), so a
 * view takes its answer typed.
 *
 * @param <R> the record of the answer this stage takes ({@link NoAnswer} when it asks nothing)
 */
public interface StageView<R extends Record> {

    Optional<Challenge> challenge(StageRun run);

    StageResult submit(StageRun run, R response);

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

    /**
     * The record this stage's answer is read into: the response record of its page, {@link NoAnswer} when it
     * shows none. A stage whose pages take different records overrides this with a record all of them share.
     */
    @SuppressWarnings("unchecked")
    default Class<R> response() {
        List<StagePage> pages = pages();
        if (pages.isEmpty()) {
            return (Class<R>) NoAnswer.class;
        }
        Class<? extends Record> first = pages.getFirst().response();
        if (pages.stream().anyMatch(p -> p.response() != first)) {
            throw new IllegalStateException("the pages of " + getClass().getName() + " take different answers");
        }
        return (Class<R>) first;
    }

    /** Reads {@code answer} (a JSON body or an HTML form) into this stage's response record and submits it. */
    default StageResult submitAnswer(StageRun run, java.util.Map<String, Object> answer) {
        return submit(run, RecordFields.read(response(), answer));
    }
}
