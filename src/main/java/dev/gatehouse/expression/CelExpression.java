package dev.gatehouse.expression;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.List;

/** A type-checked CEL program. */
final class CelExpression extends CompiledExpression {
    private final CelRuntime.Program program;

    CelExpression(ExpressionKind kind, String source, CelRuntime.Program program, ExpressionLimits limits) {
        super(kind, source, limits);
        this.program = program;
    }

    @Override
    public ExpressionLanguage language() {
        return ExpressionLanguage.CEL;
    }

    @Override
    ExpressionResult evaluate(ExpressionContext context, ExpressionLimits limits) {
        List<String> messages = new ArrayList<>();
        try {
            Object raw = program.trace(context.variables(), ExpressionFunctions.perEvaluation(messages, context.authenticators()),
                    new EvaluationGuard(limits));
            Object value = CelValues.toJava(raw, limits);
            if (!kind().accepts(value)) {
                return wrongType(value, "null");
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
}
