package dev.gatehouse.policy;

import java.util.List;
import java.util.Set;

/** What evaluating one policy gives: a decision, or an error that makes the engine use the binding's failure_result. */
public sealed interface PolicyOutcome {

    /**
     * The policy decided; messages are shown to the user when the binding fails. {@code demands} are what a failure
     * asks of the flow ({@link Demand}); they count only where the binding is not negated.
     */
    record Decided(boolean passing, List<String> messages, Set<Demand> demands) implements PolicyOutcome {
        public Decided {
            messages = List.copyOf(messages);
            demands = Set.copyOf(demands);
        }

        public Decided(boolean passing, List<String> messages) {
            this(passing, messages, Set.of());
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

    /** A failure that asks something of the flow ({@link Demand}). */
    static PolicyOutcome failing(Demand demand, String... messages) {
        return new Decided(false, List.of(messages), Set.of(demand));
    }
}
