package dev.gatehouse.policy.engine;

import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.policy.Demand;
import java.util.List;
import java.util.Set;

/**
 * What the engine decided for a target: passing, the messages of the failing bindings in binding order,
 * the binding that decided ({@code null} when none did, as with no bindings), and what the failing bindings'
 * policies ask of the flow ({@link Demand}; always empty when passing).
 */
public record PolicyResult(boolean passing, List<String> messages, PolicyBinding binding, Set<Demand> demands) {

    public PolicyResult {
        messages = List.copyOf(messages);
        demands = passing ? Set.of() : Set.copyOf(demands);
    }

    public PolicyResult(boolean passing, List<String> messages, PolicyBinding binding) {
        this(passing, messages, binding, Set.of());
    }
}
