package dev.gatehouse.expression.python;

import dev.gatehouse.expression.python.Ast.*;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates one {@link Program} once: a tree-walking interpreter over a frame of slots. It counts every node it
 * evaluates (a step budget of {@value #STEPS_PER_ITERATION} times the iteration budget), every loop and
 * comprehension iteration ({@link Bounds#maxIterations}) and the characters and entries it builds
 * ({@link Bounds#maxComputed}, checked before allocating), and every 256 steps its deadline and thread
 * interrupt. Control flow uses return codes, not exceptions. Not thread-safe: one per evaluation.
 */
final class Interpreter {
    static final int STEPS_PER_ITERATION = 100;
    static final Object UNBOUND = new Object();
    private static final int NORMAL = 0;
    private static final int BREAK = 1;
    private static final int CONTINUE = 2;
    private static final int RETURN = 3;

    private final Bounds limits;
    final Environment env;
    private final Object[] frame;
    private final long deadline;
    private final long maxSteps;
    private long steps;
    private long iterations;
    private long computed;
    private int line;
    private Object returned;

    Interpreter(Bounds limits, Environment env, Object[] frame) {
        this.limits = limits;
        this.env = env;
        this.frame = frame;
        this.deadline = System.nanoTime() + limits.timeout().toNanos();
        this.maxSteps = (long) limits.maxIterations() * STEPS_PER_ITERATION;
    }

    /** Runs the body; the returned value, or None when it ends without {@code return}. */
    Object run(List<Stmt> body) {
        returned = null;
        exec(body);
        return returned;
    }

    int line() {
        return line;
    }

    // ---- bounds

    private void step() {
        if ((++steps & 255) == 0) {
            if (steps > maxSteps) {
                throw new Bounded("The expression took more than " + maxSteps + " evaluation steps.");
            }
            checkTime();
        }
    }

    void checkTime() {
        if (System.nanoTime() - deadline > 0) {
            throw new Bounded("The expression took longer than " + limits.timeout().toMillis() + " ms.");
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new Bounded("The expression was stopped.");
        }
    }

    /** One more loop or comprehension iteration. */
    void iteration() {
        if (++iterations > limits.maxIterations()) {
            throw new Bounded("The expression ran more than " + limits.maxIterations()
                    + " loop and comprehension iterations.");
        }
        if ((iterations & 7) == 0) {
            checkTime();
        }
    }

    /** {@code n} iterations a builtin does at once (materializing, sorting). */
    void iterations(long n) {
        if (n < 0 || (iterations += n) > limits.maxIterations()) {
            throw new Bounded("The expression ran more than " + limits.maxIterations()
                    + " loop and comprehension iterations.");
        }
        checkTime();
    }

    /** Accounts for {@code n} characters or entries about to be built; refuses before allocating. */
    void compute(long n) {
        if (n < 0 || (computed += n) > limits.maxComputed()) {
            throw new Bounded("The expression built more than " + limits.maxComputed()
                    + " characters and list or map entries.");
        }
    }

    // ---- statements

    private int exec(List<Stmt> body) {
        for (int i = 0, n = body.size(); i < n; i++) {
            int signal = exec(body.get(i));
            if (signal != NORMAL) {
                return signal;
            }
        }
        return NORMAL;
    }

    private int exec(Stmt s) {
        line = s.line();
        step();
        switch (s) {
            case ExprStmt e -> eval(e.value());
            case Assign a -> {
                Object value = eval(a.value());
                for (Expr target : a.targets()) {
                    assign(target, value);
                }
            }
            case AugAssign a -> augAssign(a);
            case If i -> {
                if (Values.truthy(eval(i.test()))) {
                    return exec(i.body());
                }
                return exec(i.orElse());
            }
            case For f -> {
                return forLoop(f);
            }
            case Return r -> {
                returned = r.value() == null ? null : eval(r.value());
                return RETURN;
            }
            case Pass p -> {
            }
            case Break b -> {
                return BREAK;
            }
            case Continue c -> {
                return CONTINUE;
            }
        }
        return NORMAL;
    }

    private int forLoop(For f) {
        Iterator<Object> it = Values.iterate(iterable(eval(f.iter())));
        while (it.hasNext()) {
            iteration();
            line = f.line();
            assign(f.target(), it.next());
            int signal = exec(f.body());
            if (signal == BREAK) {
                return NORMAL;
            }
            if (signal == RETURN) {
                return RETURN;
            }
        }
        return exec(f.orElse());
    }

    /** Objects that iterate as a list (a group manager iterates its groups). */
    private Object iterable(Object o) {
        return o instanceof AuthentikObjects.GroupManager m ? m.groups() : o;
    }

    private void assign(Expr target, Object value) {
        switch (target) {
            case Name n -> frame[n.slot()] = value;
            case TupleExpr t -> unpack(t.elements(), value);
            case ListExpr l -> unpack(l.elements(), value);
            case Subscript s -> setItem(eval(s.value()), eval(s.index()), value);
            case Attribute a -> {
                Object o = eval(a.value());
                throw new PyError("AttributeError", "'" + Values.typeName(o) + "' object attribute '" + a.attr()
                        + "' is read-only");
            }
            default -> throw PyError.type("cannot assign to this expression");
        }
    }

    private void unpack(List<Expr> targets, Object value) {
        List<Object> items = new ArrayList<>();
        Iterator<Object> it = Values.iterate(iterable(value));
        while (it.hasNext()) {
            items.add(it.next());
            if (items.size() > targets.size()) {
                throw PyError.value("too many values to unpack (expected " + targets.size() + ")");
            }
        }
        if (items.size() < targets.size()) {
            throw PyError.value("not enough values to unpack (expected " + targets.size() + ", got "
                    + items.size() + ")");
        }
        for (int i = 0; i < targets.size(); i++) {
            assign(targets.get(i), items.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private void setItem(Object container, Object index, Object value) {
        switch (container) {
            case List<?> l -> {
                int i = Operators.index(index, l.size(), "list assignment");
                ((List<Object>) l).set(i, value);
            }
            case Map<?, ?> m -> {
                Object key = Values.key(index);
                if (!m.containsKey(key)) {
                    compute(1);
                }
                ((Map<Object, Object>) m).put(key, value);
            }
            default -> throw PyError.type("'" + Values.typeName(container) + "' object does not support item assignment");
        }
    }

    private void augAssign(AugAssign a) {
        Expr target = a.target();
        switch (target) {
            case Name n -> {
                Object current = frame[n.slot()];
                if (current == UNBOUND) {
                    throw new PyError("NameError", "name '" + n.id() + "' is not defined");
                }
                Object right = eval(a.value());
                if (a.op().equals("+") && current instanceof List<?> l) {
                    Methods.extend(l, right, this);
                    return;
                }
                frame[n.slot()] = Operators.binary(a.op(), current, right, this);
            }
            case Subscript s -> {
                Object container = eval(s.value());
                Object index = eval(s.index());
                Object current = Operators.subscript(container, index, this);
                setItem(container, index, Operators.binary(a.op(), current, eval(a.value()), this));
            }
            default -> assign(target, null);
        }
    }

    // ---- expressions

    Object eval(Expr e) {
        step();
        return switch (e) {
            case Const c -> c.value();
            case Name n -> {
                Object v = frame[n.slot()];
                if (v == UNBOUND) {
                    throw new PyError("NameError", "name '" + n.id() + "' is not defined");
                }
                yield v;
            }
            case Attribute a -> attribute(eval(a.value()), a.attr());
            case Subscript s -> s.index() instanceof Slice sl ? Operators.slice(eval(s.value()), optional(sl.lower()),
                    optional(sl.upper()), optional(sl.step()), this) : Operators.subscript(eval(s.value()), eval(s.index()), this);
            case Call c -> call(c);
            case BinOp b -> Operators.binary(b.op(), eval(b.left()), eval(b.right()), this);
            case UnaryOp u -> Operators.unary(u.op(), eval(u.operand()));
            case BoolOp b -> {
                Object v = null;
                for (Expr x : b.values()) {
                    v = eval(x);
                    if (Values.truthy(v) != b.and()) {
                        break;
                    }
                }
                yield v;
            }
            case Compare c -> compare(c);
            case IfExp i -> Values.truthy(eval(i.test())) ? eval(i.body()) : eval(i.orElse());
            case ListExpr l -> {
                compute(l.elements().size());
                List<Object> out = new ArrayList<>(l.elements().size());
                for (Expr x : l.elements()) {
                    out.add(eval(x));
                }
                yield out;
            }
            case TupleExpr t -> {
                compute(t.elements().size());
                Object[] items = new Object[t.elements().size()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = eval(t.elements().get(i));
                }
                yield new Tuple(java.util.Arrays.asList(items));
            }
            case SetExpr s -> {
                compute(s.elements().size());
                Set<Object> out = new LinkedHashSet<>();
                for (Expr x : s.elements()) {
                    out.add(Values.key(eval(x)));
                }
                yield out;
            }
            case DictExpr d -> {
                compute(d.keys().size());
                Map<Object, Object> out = new LinkedHashMap<>();
                for (int i = 0; i < d.keys().size(); i++) {
                    Object key = Values.key(eval(d.keys().get(i)));
                    out.put(key, eval(d.values().get(i)));
                }
                yield out;
            }
            case ListComp l -> {
                List<Object> out = new ArrayList<>();
                comprehend(l.generators(), 0, () -> {
                    compute(1);
                    out.add(eval(l.element()));
                });
                if (l.set()) {
                    Set<Object> set = new LinkedHashSet<>();
                    for (Object x : out) {
                        set.add(Values.key(x));
                    }
                    yield set;
                }
                yield out;
            }
            case DictComp d -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                comprehend(d.generators(), 0, () -> {
                    compute(1);
                    Object key = Values.key(eval(d.key()));
                    out.put(key, eval(d.value()));
                });
                yield out;
            }
            case JoinedStr j -> {
                StringBuilder b = new StringBuilder();
                for (Expr part : j.parts()) {
                    String s = Values.toStr(eval(part));
                    compute(s.length());
                    b.append(s);
                }
                yield b.toString();
            }
            case FormattedValue f -> {
                Object v = eval(f.value());
                if (f.conversion() == 'r' || f.conversion() == 'a') {
                    v = Values.repr(v);
                } else if (f.conversion() == 's') {
                    v = Values.toStr(v);
                }
                String spec = f.spec() == null ? "" : (String) eval(f.spec());
                yield Formatting.format(v, spec, this);
            }
            case Slice s -> throw new PyError("SyntaxError", "a slice outside brackets");
        };
    }

    private Object optional(Expr e) {
        return e == null ? null : eval(e);
    }

    private void comprehend(List<Generator> gens, int index, Runnable body) {
        if (index == gens.size()) {
            body.run();
            return;
        }
        Generator g = gens.get(index);
        Iterator<Object> it = Values.iterate(iterable(eval(g.iter())));
        outer:
        while (it.hasNext()) {
            iteration();
            assign(g.target(), it.next());
            for (Expr condition : g.conditions()) {
                if (!Values.truthy(eval(condition))) {
                    continue outer;
                }
            }
            comprehend(gens, index + 1, body);
        }
    }

    private Object compare(Compare c) {
        Object left = eval(c.left());
        for (int i = 0; i < c.ops().size(); i++) {
            Object right = eval(c.comparators().get(i));
            if (!Operators.compare(c.ops().get(i), left, right)) {
                return false;
            }
            left = right;
        }
        return true;
    }

    private Object call(Call c) {
        List<Object> args = new ArrayList<>(c.args().size());
        Map<String, Object> kwargs = c.keywords().isEmpty() ? Map.of() : new LinkedHashMap<>();
        if (c.func() instanceof Attribute a) {
            Object receiver = eval(a.value());
            evalArgs(c, args, kwargs);
            return callMethod(receiver, a.attr(), args, kwargs);
        }
        Object f = eval(c.func());
        evalArgs(c, args, kwargs);
        if (f instanceof PyCallable callable) {
            return callable.call(args, kwargs, this);
        }
        throw PyError.type("'" + Values.typeName(f) + "' object is not callable");
    }

    private void evalArgs(Call c, List<Object> args, Map<String, Object> kwargs) {
        for (Expr x : c.args()) {
            args.add(eval(x));
        }
        for (Keyword k : c.keywords()) {
            kwargs.put(k.name(), eval(k.value()));
        }
    }

    Object callMethod(Object receiver, String name, List<Object> args, Map<String, Object> kwargs) {
        return switch (receiver) {
            case PyObject p -> p.call(name, args, kwargs, this);
            case FieldedStr f when name.equals("get") -> {
                Methods.arity("get", args, 1, 2);
                Object key = args.getFirst();
                yield key instanceof String s && f.fields().containsKey(s) ? f.fields().get(s)
                        : args.size() > 1 ? args.get(1) : null;
            }
            case FieldedStr f -> Methods.str(f.value(), name, args, kwargs, this);
            case String s -> Methods.str(s, name, args, kwargs, this);
            case List<?> l -> Methods.list(l, name, args, kwargs, this);
            case Map<?, ?> m -> Methods.dict(m, name, args, kwargs, this);
            case Tuple t -> Methods.tuple(t, name, args, kwargs, this);
            case Set<?> s -> Methods.set(s, name, args, kwargs, this);
            case null, default -> throw PyError.attribute(receiver, name);
        };
    }

    private Object attribute(Object o, String name) {
        if (o instanceof PyObject p) {
            return p.attribute(name);
        }
        if (Methods.has(o, name)) {
            return new BoundMethod(o, name);
        }
        throw PyError.attribute(o, name);
    }
}
