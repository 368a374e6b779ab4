package dev.gatehouse.policy;

import java.util.List;
import java.util.Set;

/** What evaluating one policy gives: a decision, or an error that makes the engine use the binding's failure_result. */
public sealed interface PolicyOutcome {

    /**
     * The policy decided; messages are shown to the user when the binding fails. {@code demands} are what a failure
     * asks of the flow ({@link Demand}); they count only where the binding is not negated. {@code logs} are the lines
     * an expression wrote with {@code ak_logger}: the engine records them in the event log.
     */
    record Decided(boolean passing, List<String> messages, Set<Demand> demands, List<String> logs)
            implements PolicyOutcome {
        public Decided {
            messages = List.copyOf(messages);
            demands = Set.copyOf(demands);
            logs = List.copyOf(logs);
        }

        public Decided(boolean passing, List<String> messages, Set<Demand> demands) {
            this(passing, messages, demands, List.of());
        }

        public Decided(boolean passing, List<String> messages) {
            this(passing, messages, Set.of(), List.of());
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
