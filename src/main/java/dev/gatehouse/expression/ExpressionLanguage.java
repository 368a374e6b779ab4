package dev.gatehouse.expression;

import dev.gatehouse.expression.python.PythonSource;

/**
 * The language an expression is written in. There is no field for it: the source tells, by a rule that never takes
 * a valid CEL expression for Python. {@link #detect} says PYTHON when the source, tokenized as Python (string
 * literals and comments skipped), contains
 * <ul>
 * <li>a {@code #} comment ({@code #} is no CEL token),</li>
 * <li>one of CEL's reserved words as a keyword ({@code return}, {@code if}, {@code else}, {@code for},
 * {@code while}, {@code import}, {@code break}, {@code continue}, {@code as}, …): CEL refuses them,</li>
 * <li>an assignment ({@code =}, {@code +=}, …) or a {@code ;}: no CEL tokens either;</li>
 * </ul>
 * and CEL otherwise. {@link ExpressionCompiler} then also asks CEL's parser: a source that parses as CEL (one whose
 * Python keywords sit in a CEL {@code //} comment, say) is CEL. A Python body without {@code return} returns None,
 * as in authentik (a policy fails: "returned None, not a bool"); a one-line Python expression such as
 * {@code user.is_active} without {@code return} is CEL, and means the same there.
 */
public enum ExpressionLanguage {
    CEL, PYTHON;

    /** The language by the token rule above (without the CEL parse). */
    public static ExpressionLanguage detect(String source) {
        return PythonSource.looksLikePython(source) ? PYTHON : CEL;
    }
}
