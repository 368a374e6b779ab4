package dev.gatehouse.expression.python;

import java.util.List;
import java.util.Map;

/** {@code obj.method} read without calling it at once. */
record BoundMethod(Object receiver, String name) implements PyCallable {
    @Override
    public Object call(List<Object> args, Map<String, Object> kwargs, Interpreter in) {
        return in.callMethod(receiver, name, args, kwargs);
    }
}
