package dev.gatehouse.expression;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.List;

/**
 * A type-checked CEL program for one {@link ExpressionKind}; immutable and safe to evaluate from many threads
 * at once. Obtain one from {@link ExpressionCompiler#compile}.
 */
public final class CompiledExpression {
    private final ExpressionKind kind;
    private final String source;
    private final CelRuntime.Program program;
    private final ExpressionLimits limits;

    CompiledExpression(ExpressionKind kind, String source, CelRuntime.Program program, ExpressionLimits limits) {
        this.kind = kind;
        this.source = source;
        this.program = program;
        this.limits = limits;
    }

    public ExpressionKind kind() {
        return kind;
    }

    public String source() {
        return source;
    }

    /**
     * Evaluates on the calling thread within the {@link ExpressionLimits}: a value of the kind's result type, or
     * a failure saying what went wrong (never an exception for anything the expression does). Interrupting the
     * thread stops the evaluation too.
     */
    public ExpressionResult evaluate(ExpressionContext context) {
        return evaluate(context, limits);
    }

    /** For warming up a cold JVM only: the same evaluation with a generous time bound. */
    ExpressionResult evaluateUntimed(ExpressionContext context) {
        return evaluate(context, limits.withTimeout(java.time.Duration.ofSeconds(30)));
    }

    private ExpressionResult evaluate(ExpressionContext context, ExpressionLimits limits) {
        List<String> messages = new ArrayList<>();
        try {
            Object raw = program.trace(context.variables(), ExpressionFunctions.perEvaluation(messages, context.authenticators()),
                    new EvaluationGuard(limits));
            Object value = CelValues.toJava(raw, limits);
            if (!kind.accepts(value)) {
                return new ExpressionResult.Failure("The expression returned " + describe(value) + ", not a "
                        + kind.resultTypeName() + ".");
            }
            return new ExpressionResult.Value(value, messages);
        } catch (CelEvaluationException e) {
            return new ExpressionResult.Failure(message(e));
        } catch (EvaluationGuard.Stop | CelValues.TooLarge e) {
            return new ExpressionResult.Failure(e.getMessage());
        } catch (StackOverflowError e) {
            return new ExpressionResult.Failure("The expression is nested too deeply to evaluate.");
        }
    }

    /** CEL's message, or the message of an {@code ak_*} function that refused its arguments. */
    private static String message(CelEvaluationException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ExpressionFunctions.FunctionError f) {
                return f.getMessage();
            }
        }
        return e.getMessage();
    }

    private static String describe(Object value) {
        return value == null ? "null" : switch (value) {
            case String s -> "a string";
            case Long l -> "an int";
            case Double d -> "a double";
            case Boolean b -> "a bool";
            case List<?> l -> "a list";
            case java.util.Map<?, ?> m -> "a map";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    @Override
    public String toString() {
        return "CompiledExpression[" + kind + ", " + source.length() + " chars]";
    }
}
