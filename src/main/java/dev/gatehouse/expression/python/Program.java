package dev.gatehouse.expression.python;

import dev.gatehouse.expression.python.Ast.Stmt;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checked Python expression body, ready to run any number of times from any threads (it holds no evaluation
 * state). The body is what authentik wraps in {@code def handler(...)}: it ends with {@code return value}, and
 * without one it returns None.
 */
public final class Program {
    /** The variables that are not data of the kind: the logger and the client IP. */
    private static final Set<String> ALWAYS = Set.of("ak_logger", "ak_client_ip");

    private final List<Stmt> body;
    private final String[] slots;
    private final boolean contextHasHttpRequest;

    private Program(List<Stmt> body, List<String> slots, boolean contextHasHttpRequest) {
        this.body = body;
        this.slots = slots.toArray(String[]::new);
        this.contextHasHttpRequest = contextHasHttpRequest;
    }

    /**
     * Parses and checks {@code source}.
     *
     * @param variables             the variables of the expression's kind ({@code request}, {@code user}, …)
     * @param contextHasHttpRequest whether {@code context['http_request']} is the request (policies)
     * @throws PythonSyntaxError at the first construct refused, with its line and column
     */
    public static Program compile(String source, Collection<String> variables, boolean contextHasHttpRequest,
                                  Bounds limits) throws PythonSyntaxError {
        Parser.Module module;
        try {
            module = Parser.parse(source, limits.maxNesting());
        } catch (StackOverflowError e) {
            throw new PythonSyntaxError("the expression is nested too deeply", 1, 1);
        }
        Set<String> known = new HashSet<>(variables);
        known.addAll(ALWAYS);
        known.addAll(Builtins.ALL.keySet());
        known.addAll(Helpers.ALL.keySet());
        known.addAll(module.bound());
        try {
            Checker.check(module.body(), known);
        } catch (StackOverflowError e) {
            throw new PythonSyntaxError("the expression is nested too deeply", 1, 1);
        }
        return new Program(module.body(), module.slots(), contextHasHttpRequest);
    }

    /**
     * Runs the body within {@code limits}: the returned value as plain Java data (None {@code null}, bool
     * {@code Boolean}, int {@code Long}, float {@code Double}, str {@code String}, list and tuple {@code List},
     * dict {@code Map<String, Object>}).
     *
     * @throws PythonFailure for a Python exception ("KeyError: 'x' (line 3)"), a broken bound or a value with no
     *                       plain form
     */
    public Object run(Environment env, Bounds limits) throws PythonFailure {
        Object[] frame = new Object[slots.length];
        Interpreter in = new Interpreter(limits, env, frame);
        try {
            Scope scope = new Scope(env, contextHasHttpRequest);
            for (int i = 0; i < slots.length; i++) {
                frame[i] = scope.lookup(slots[i]);
            }
            return toJava(in.run(body), 0);
        } catch (PyError e) {
            throw new PythonFailure(e.getMessage() + " (line " + in.line() + ")");
        } catch (Bounded e) {
            throw new PythonFailure(e.getMessage());
        } catch (StackOverflowError e) {
            throw new PythonFailure("The expression is nested too deeply to evaluate.");
        } catch (RuntimeException e) {
            // a case the interpreter does not handle by name: still the expression's failure, never an escape
            throw new PythonFailure("TypeError: the operation is not supported on these values (line " + in.line()
                    + ")");
        }
    }

    /** The initial value of each slot: a variable, builtin or helper, or unbound (a local). */
    private static final class Scope {
        private final Environment env;
        private final boolean contextHasHttpRequest;
        private Object user;
        private Object http;
        private Object context;
        private boolean userDone;

        Scope(Environment env, boolean contextHasHttpRequest) {
            this.env = env;
            this.contextHasHttpRequest = contextHasHttpRequest;
        }

        Object lookup(String name) {
            switch (name) {
                case "user" -> {
                    return user();
                }
                case "request" -> {
                    return env.variable("request") == null ? Interpreter.UNBOUND
                            : new AuthentikObjects.RequestObject(user(), http(), context());
                }
                case "context" -> {
                    return env.variable("context") == null ? Interpreter.UNBOUND : context();
                }
                case "provider", "token" -> {
                    Object v = env.variable(name);
                    return v == null ? Interpreter.UNBOUND : AuthentikObjects.fromCel(v, env);
                }
                case "ak_logger" -> {
                    return new AuthentikObjects.Logger();
                }
                case "ak_client_ip" -> {
                    Object ip = httpMap().get("client_ip");
                    return ip instanceof String s ? s : "";
                }
                default -> {
                }
            }
            PyCallable f = Helpers.ALL.get(name);
            if (f == null) {
                f = Builtins.ALL.get(name);
            }
            return f == null ? Interpreter.UNBOUND : f;
        }

        private Object user() {
            if (!userDone) {
                userDone = true;
                Object v = env.variable("user");
                user = v == null ? null : AuthentikObjects.fromCel(v, env);
            }
            return user;
        }

        private Map<?, ?> httpMap() {
            Object request = env.variable("request");
            return request instanceof Map<?, ?> r && r.get("http_request") instanceof Map<?, ?> h ? h : Map.of();
        }

        private Object http() {
            if (http == null) {
                http = new AuthentikObjects.HttpRequestObject(httpMap(), user());
            }
            return http;
        }

        @SuppressWarnings("unchecked")
        private Object context() {
            if (context == null) {
                Object raw = env.variable("context");
                if (raw == null && env.variable("request") instanceof Map<?, ?> r) {
                    raw = r.get("context");
                }
                Object converted = AuthentikObjects.fromCel(raw == null ? Map.of() : raw, env);
                Map<Object, Object> m = converted instanceof Map<?, ?> cm ? (Map<Object, Object>) cm
                        : new LinkedHashMap<>();
                if (m.containsKey("geoip")) {
                    m.put("geoip", AuthentikObjects.geoip(m.get("geoip")));
                }
                if (contextHasHttpRequest) {
                    m.put("http_request", http());
                }
                context = m;
            }
            return context;
        }
    }

    private static Object toJava(Object v, int depth) throws PythonFailure {
        if (depth > 100) {
            throw new PythonFailure("The result is nested too deeply.");
        }
        return switch (v) {
            case null -> null;
            case Boolean b -> b;
            case Long l -> l;
            case Double d -> d;
            case String s -> s;
            case FieldedStr f -> f.value();
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.put(Values.toStr(e.getKey()), toJava(e.getValue(), depth + 1));
                }
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>(c.size());
                for (Object x : c) {
                    out.add(toJava(x, depth + 1));
                }
                yield out;
            }
            case Tuple t -> toJava(t.items(), depth);
            default -> throw new PythonFailure("The expression returned a value of type '" + Values.typeName(v)
                    + "', which has no JSON form.");
        };
    }
}
