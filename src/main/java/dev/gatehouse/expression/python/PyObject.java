package dev.gatehouse.expression.python;

import java.util.List;
import java.util.Map;

/** An object with attributes and methods (authentik's user, group, request, …). */
interface PyObject {
    /** The attribute's value; throws {@link PyError} (AttributeError) when there is none. */
    Object attribute(String name);

    /** Calls the method {@code name}; by default an AttributeError. */
    default Object call(String name, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
        throw PyError.attribute(this, name);
    }

    /** The type name in messages. */
    String typeName();
}
