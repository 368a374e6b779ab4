package dev.gatehouse.expression.python;

/** An evaluation that failed: a Python exception with its line, or a broken bound. */
public final class PythonFailure extends Exception {
    PythonFailure(String message) {
        super(message, null, false, false);
    }
}
