package dev.gatehouse.expression;

/**
 * An expression that does not compile: a syntax error, an unknown name, a type error or a broken bound. The
 * message is CEL's, with line and column and the offending line marked, e.g.
 * <pre>ERROR: expression:1:6: undeclared reference to 'usr' (in container '')
 *  | 1 == usr.pk
 *  | .....^</pre>
 * It carries no stack trace: it is an answer for the person who wrote the expression.
 */
public final class ExpressionException extends Exception {
    public ExpressionException(String message) {
        super(message, null, false, false);
    }
}
