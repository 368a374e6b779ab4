package dev.gatehouse.policy.engine;

import dev.gatehouse.policy.PolicyBinding;
import java.util.List;

/**
 * What the engine decided for a target: passing, the messages of the failing bindings in binding order,
 * and the binding that decided ({@code null} when none did, as with no bindings).
 */
public record PolicyResult(boolean passing, List<String> messages, PolicyBinding binding) {

    public PolicyResult {
        messages = List.copyOf(messages);
    }
}
