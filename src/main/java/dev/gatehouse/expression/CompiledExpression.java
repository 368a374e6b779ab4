package dev.gatehouse.expression;

/**
 * A compiled expression for one {@link ExpressionKind}, in CEL or Python ({@link ExpressionLanguage}); immutable and
 * safe to evaluate from many threads at once. Obtain one from {@link ExpressionCompiler#compile}.
 */
public abstract sealed class CompiledExpression permits CelExpression, PythonExpression {
    private final ExpressionKind kind;
    private final String source;
    final ExpressionLimits limits;

    CompiledExpression(ExpressionKind kind, String source, ExpressionLimits limits) {
        this.kind = kind;
        this.source = source;
        this.limits = limits;
    }

    public ExpressionKind kind() {
        return kind;
    }

    public String source() {
        return source;
    }

    /** The language the source is written in. */
    public abstract ExpressionLanguage language();

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

    abstract ExpressionResult evaluate(ExpressionContext context, ExpressionLimits limits);

    /** The failure for a value that is not of the kind's result type. */
    final ExpressionResult.Failure wrongType(Object value, String none) {
        return new ExpressionResult.Failure("The expression returned " + (value == null ? none : describe(value))
                + ", not a " + kind.resultTypeName() + ".");
    }

    private static String describe(Object value) {
        return switch (value) {
            case String s -> "a string";
            case Long l -> "an int";
            case Double d -> "a double";
            case Boolean b -> "a bool";
            case java.util.List<?> l -> "a list";
            case java.util.Map<?, ?> m -> "a map";
            default -> "a " + value.getClass().getSimpleName();
        };
    }

    @Override
    public String toString() {
        return "CompiledExpression[" + language() + ", " + kind + ", " + source.length() + " chars]";
    }
}
