package dev.gatehouse.expression.python;

import java.time.Duration;

/**
 * The bounds a Python program runs within: nesting depth of the source, loop and comprehension iterations, wall
 * time, and characters plus entries it may build. The expression layer fills them from its limits.
 */
public record Bounds(int maxNesting, int maxIterations, Duration timeout, long maxComputed) {
}
