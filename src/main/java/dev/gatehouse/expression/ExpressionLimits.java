package dev.gatehouse.expression;

import java.time.Duration;

/**
 * The bounds on one expression. An expression breaking one fails with a message naming the bound; it never
 * runs on.
 *
 * @param maxSourceLength  characters of source text
 * @param maxNesting       nesting depth of the parsed expression (CEL's parser recursion depth)
 * @param maxIterations    comprehension iterations per evaluation, nested ones included (CEL's iteration budget)
 * @param timeout          wall-clock time per evaluation
 * @param maxComputed      characters of computed strings plus entries of computed lists and maps, summed over
 *                         one evaluation: bounds the memory an evaluation can take before its timeout
 * @param maxResultEntries list elements plus map entries in the result, nested ones included
 * @param maxResultString  characters of any one string in the result
 */
public record ExpressionLimits(int maxSourceLength, int maxNesting, int maxIterations, Duration timeout,
                               long maxComputed, int maxResultEntries, int maxResultString) {

    /** 16 KiB of source, nesting 64, 10,000 iterations, 100 ms, 1 Mi computed, 10,000 entries, 64 KiB strings. */
    public static final ExpressionLimits DEFAULT = new ExpressionLimits(16 * 1024, 64, 10_000,
            Duration.ofMillis(100), 1 << 20, 10_000, 64 * 1024);

    /** What the Python interpreter needs of these limits. */
    public dev.gatehouse.expression.python.Bounds pythonBounds() {
        return new dev.gatehouse.expression.python.Bounds(maxNesting, maxIterations, timeout, maxComputed);
    }

    public ExpressionLimits withTimeout(Duration t) {
        return new ExpressionLimits(maxSourceLength, maxNesting, maxIterations, t, maxComputed, maxResultEntries,
                maxResultString);
    }

    public ExpressionLimits withMaxIterations(int n) {
        return new ExpressionLimits(maxSourceLength, maxNesting, n, timeout, maxComputed, maxResultEntries,
                maxResultString);
    }
}
