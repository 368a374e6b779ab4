package dev.gatehouse.expression;

import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.ConcatenatedListView;
import java.util.Collection;
import java.util.Map;

/**
 * Watches one evaluation from inside: CEL calls {@link #callback} after every node it evaluates. The guard stops
 * the evaluation when its time is up, when its thread is interrupted (the policy engine's binding timeout), or
 * when it has computed more than {@link ExpressionLimits#maxComputed} characters and entries, which bounds its
 * memory. Stopping throws {@link Stop}, an {@link Error} so that CEL's error-absorbing operators ({@code ||},
 * {@code exists}) cannot swallow it; {@link CompiledExpression} catches it.
 */
final class EvaluationGuard implements CelEvaluationListener {
    private final ExpressionLimits limits;
    private final long deadline;
    private long computed;
    private int nodes;

    EvaluationGuard(ExpressionLimits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.timeout().toNanos();
    }

    /** Ends an evaluation; carries the message for the {@link ExpressionResult.Failure}. */
    static final class Stop extends Error {
        Stop(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void callback(CelExpr expr, Object result) {
        if ((++nodes & 15) == 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new Stop("The expression took longer than " + limits.timeout().toMillis() + " ms.");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new Stop("The expression was stopped.");
            }
        }
        if (expr.getKind() == CelExpr.ExprKind.Kind.CALL) {
            count(result);
        }
    }

    /** Counts what a function call built; a comprehension's accumulator view grows in place and is not rebuilt. */
    private void count(Object result) {
        long size = switch (result) {
            case String s -> s.length();
            case ConcatenatedListView<?> v -> 1;
            case Collection<?> c -> c.size();
            case Map<?, ?> m -> m.size();
            case null, default -> 0;
        };
        computed += size;
        if (computed > limits.maxComputed()) {
            throw new Stop("The expression built more than " + limits.maxComputed()
                    + " characters and list or map entries.");
        }
    }
}
