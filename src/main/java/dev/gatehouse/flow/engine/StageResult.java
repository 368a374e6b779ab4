package dev.gatehouse.flow.engine;

import java.util.List;
import java.util.Map;

/** How a stage ended its turn (DESIGN.md point 6: expected outcomes are values, not exceptions). */
public sealed interface StageResult {

    /** Done: go on to the next stage. */
    record Continue() implements StageResult {
    }

    /** The answer was not acceptable: show the errors, then act on the binding's invalid_response_action. */
    record Invalid(Map<String, List<String>> errors) implements StageResult {
        public static Invalid of(String field, String message) {
            return new Invalid(Map.of(field, List.of(message)));
        }
    }

    /**
     * The answer was taken but asks for this stage's challenge again, without errors (a choice between the
     * user's authenticator devices): the plan stays on this stage whatever the binding's invalid_response_action.
     */
    record Again() implements StageResult {
    }

    /** The flow ends here for this user, with a message (ak-stage-access-denied). */
    record Deny(String message) implements StageResult {
    }

    StageResult CONTINUE = new Continue();
    StageResult AGAIN = new Again();
}
