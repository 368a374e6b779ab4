package dev.gatehouse.expression;

import java.util.List;

/** What evaluating an expression gave: a value with the messages of {@code ak_message}, or why it failed. */
public sealed interface ExpressionResult {

    /**
     * The expression's value as plain Java data: {@code Boolean} for a policy, {@code Map<String, Object>} for a
     * mapping; inside, {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null}, lists and
     * maps (CEL timestamps and durations become ISO-8601 strings, bytes base64). {@code logs} are the lines of
     * {@code ak_logger} (Python), each {@code "level: message key=value …"}.
     */
    record Value(Object value, List<String> messages, List<String> logs) implements ExpressionResult {
        public Value {
            messages = List.copyOf(messages);
            logs = List.copyOf(logs);
        }

        public Value(Object value, List<String> messages) {
            this(value, messages, List.of());
        }
    }

    /** The evaluation failed (an error in the expression, a missing key, a broken bound) or was stopped. */
    record Failure(String message) implements ExpressionResult {
    }
}
