package dev.gatehouse.expression.python;

/**
 * A broken evaluation bound (steps, iterations, time, memory): ends the evaluation with a failure that names the
 * bound. Unlike {@link PyError} it is not a Python exception.
 */
final class Bounded extends RuntimeException {
    Bounded(String message) {
        super(message, null, false, false);
    }
}
