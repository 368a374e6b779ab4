package dev.gatehouse.flow.engine;

import java.util.Map;
import java.util.Optional;

/**
 * The behaviour of one stage type: what it asks, and what it does with the answer. A stage that needs
 * no input (user_login, deny) returns no challenge and acts in {@link #submit} with an empty answer.
 */
public interface StageView {

    Optional<Challenge> challenge(StageRun run);

    StageResult submit(StageRun run, Map<String, Object> response);
}
