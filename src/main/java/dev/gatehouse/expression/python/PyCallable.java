package dev.gatehouse.expression.python;

import java.util.List;
import java.util.Map;

/** Something an expression can call: a builtin, a helper or a bound method. */
interface PyCallable {
    Object call(List<Object> args, Map<String, Object> kwargs, Interpreter in);

    String name();
}
