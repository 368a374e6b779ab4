package dev.gatehouse.expression.python;

/**
 * A Python exception raised while evaluating ({@code KeyError}, {@code TypeError}, …). The interpreter adds the
 * line of the statement it happened in; it ends the evaluation as a failure, there is no {@code try}.
 */
final class PyError extends RuntimeException {
    private final String type;
    private final String detail;

    PyError(String type, String detail) {
        super(type + ": " + detail, null, false, false);
        this.type = type;
        this.detail = detail;
    }

    String type() {
        return type;
    }

    String detail() {
        return detail;
    }

    static PyError type(String detail) {
        return new PyError("TypeError", detail);
    }

    static PyError value(String detail) {
        return new PyError("ValueError", detail);
    }

    static PyError attribute(Object receiver, String name) {
        return new PyError("AttributeError", "'" + Values.typeName(receiver) + "' object has no attribute '" + name + "'");
    }

    static PyError overflow() {
        return new PyError("OverflowError", "integer result too large (ints are 64-bit here)");
    }
}
