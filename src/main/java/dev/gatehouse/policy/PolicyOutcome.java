package dev.gatehouse.policy;

import java.util.List;

/** What evaluating one policy gives: a decision, or an error that makes the engine use the binding's failure_result. */
public sealed interface PolicyOutcome {

    /** The policy decided; messages are shown to the user when the binding fails. */
    record Decided(boolean passing, List<String> messages) implements PolicyOutcome {
        public Decided {
            messages = List.copyOf(messages);
        }
    }

    /**
     * The policy could not be evaluated (authentik's {@code PolicyException}). {@code message} is shown to the
     * user and recorded in the {@code policy_exception} event.
     */
    record Error(String message) implements PolicyOutcome {
    }

    static PolicyOutcome pass() {
        return new Decided(true, List.of());
    }

    static PolicyOutcome of(boolean passing, String... messages) {
        return new Decided(passing, List.of(messages));
    }
}
