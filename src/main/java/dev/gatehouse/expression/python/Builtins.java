package dev.gatehouse.expression.python;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Python's builtin functions the subset offers; none reads or writes anything outside the evaluation. */
final class Builtins {
    /** The builtin functions by name. */
    static final Map<String, PyCallable> ALL;

    static {
        Map<String, PyCallable> m = new LinkedHashMap<>();
        for (String name : List.of("len", "str", "int", "float", "bool", "list", "dict", "tuple", "set", "min", "max",
                "sum", "any", "all", "sorted", "range", "enumerate", "zip", "abs", "round", "repr", "reversed",
                "print")) {
            m.put(name, new Builtin(name));
        }
        ALL = Map.copyOf(m);
    }

    private Builtins() {
    }

    private record Builtin(String name) implements PyCallable {
        @Override
        public Object call(List<Object> args, Map<String, Object> kwargs, Interpreter in) {
            return Builtins.call(name, args, kwargs, in);
        }

        @Override
        public String toString() {
            return "<built-in function " + name + ">";
        }
    }

    private static List<Object> materialize(Object iterable, Interpreter in) {
        if (iterable instanceof AuthentikObjects.GroupManager g) {
            iterable = g.groups();
        }
        if (iterable instanceof Range r) {
            in.compute(r.length());
            in.iterations(r.length());
        }
        List<Object> out = new ArrayList<>();
        Iterator<Object> it = Values.iterate(iterable);
        while (it.hasNext()) {
            in.compute(1);
            in.iteration();
            out.add(it.next());
        }
        return out;
    }

    static Object call(String name, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
        if (!kwargs.isEmpty() && !name.equals("sorted") && !name.equals("print") && !name.equals("dict")
                && !name.equals("min") && !name.equals("max") && !name.equals("sum")) {
            throw PyError.type(name + "() takes no keyword arguments");
        }
        switch (name) {
            case "len" -> {
                Methods.arity(name, args, 1, 1);
                Object o = args.getFirst();
                return o instanceof AuthentikObjects.GroupManager g ? (long) g.groups().size() : Values.length(o);
            }
            case "str" -> {
                Methods.arity(name, args, 0, 1);
                return args.isEmpty() ? "" : Values.toStr(args.getFirst());
            }
            case "repr" -> {
                Methods.arity(name, args, 1, 1);
                return Values.repr(args.getFirst());
            }
            case "bool" -> {
                Methods.arity(name, args, 0, 1);
                return !args.isEmpty() && Values.truthy(args.getFirst());
            }
            case "int" -> {
                Methods.arity(name, args, 0, 2);
                return args.isEmpty() ? 0L : toInt(args.getFirst(), args.size() > 1 ? Values.asLong(args.get(1)) : -1);
            }
            case "float" -> {
                Methods.arity(name, args, 0, 1);
                return args.isEmpty() ? 0.0 : toFloat(args.getFirst());
            }
            case "list" -> {
                Methods.arity(name, args, 0, 1);
                return args.isEmpty() ? new ArrayList<>() : materialize(args.getFirst(), in);
            }
            case "tuple" -> {
                Methods.arity(name, args, 0, 1);
                return args.isEmpty() ? Tuple.EMPTY : new Tuple(materialize(args.getFirst(), in));
            }
            case "set" -> {
                Methods.arity(name, args, 0, 1);
                Set<Object> out = new LinkedHashSet<>();
                if (!args.isEmpty()) {
                    for (Object o : materialize(args.getFirst(), in)) {
                        out.add(Values.key(o));
                    }
                }
                return out;
            }
            case "dict" -> {
                Methods.arity(name, args, 0, 1);
                Map<Object, Object> out = new LinkedHashMap<>();
                if (!args.isEmpty()) {
                    Methods.dict(out, "update", args, Map.of(), in);
                }
                in.compute(kwargs.size());
                out.putAll(kwargs);
                return out;
            }
            case "min", "max" -> {
                List<Object> items = args.size() == 1 ? materialize(args.getFirst(), in) : args;
                if (items.isEmpty()) {
                    if (kwargs.containsKey("default")) {
                        return kwargs.get("default");
                    }
                    throw PyError.value(name + "() arg is an empty sequence");
                }
                Object best = items.getFirst();
                for (Object o : items) {
                    int c = Values.compare(o, best, name.equals("min") ? "<" : ">");
                    if (name.equals("min") ? c < 0 : c > 0) {
                        best = o;
                    }
                }
                return best;
            }
            case "sum" -> {
                Methods.arity(name, args, 1, 2);
                Object total = args.size() > 1 ? args.get(1) : kwargs.getOrDefault("start", 0L);
                Iterator<Object> it = Values.iterate(args.getFirst());
                while (it.hasNext()) {
                    in.iteration();
                    total = Operators.binary("+", total, it.next(), in);
                }
                return total;
            }
            case "any", "all" -> {
                Methods.arity(name, args, 1, 1);
                Iterator<Object> it = Values.iterate(args.getFirst() instanceof AuthentikObjects.GroupManager g
                        ? g.groups() : args.getFirst());
                boolean any = name.equals("any");
                while (it.hasNext()) {
                    in.iteration();
                    if (Values.truthy(it.next()) == any) {
                        return any;
                    }
                }
                return !any;
            }
            case "sorted" -> {
                Methods.arity(name, args, 1, 1);
                if (kwargs.containsKey("key")) {
                    throw PyError.type("sorted(key=...) is not supported");
                }
                List<Object> out = materialize(args.getFirst(), in);
                Methods.sort(out, Values.truthy(kwargs.get("reverse")));
                return out;
            }
            case "reversed" -> {
                Methods.arity(name, args, 1, 1);
                List<Object> out = materialize(args.getFirst(), in);
                java.util.Collections.reverse(out);
                return out;
            }
            case "range" -> {
                Methods.arity(name, args, 1, 3);
                for (Object a : args) {
                    if (!Values.isInt(a)) {
                        throw PyError.type("'" + Values.typeName(a) + "' object cannot be interpreted as an integer");
                    }
                }
                long start = args.size() == 1 ? 0 : Values.asLong(args.get(0));
                long stop = Values.asLong(args.get(args.size() == 1 ? 0 : 1));
                long step = args.size() == 3 ? Values.asLong(args.get(2)) : 1;
                if (step == 0) {
                    throw PyError.value("range() arg 3 must not be zero");
                }
                return new Range(start, stop, step);
            }
            case "enumerate" -> {
                Methods.arity(name, args, 1, 2);
                long i = args.size() > 1 ? Values.asLong(args.get(1)) : 0;
                List<Object> out = new ArrayList<>();
                for (Object o : materialize(args.getFirst(), in)) {
                    out.add(Tuple.of(i++, o));
                }
                return out;
            }
            case "zip" -> {
                List<List<Object>> lists = new ArrayList<>();
                int n = Integer.MAX_VALUE;
                for (Object a : args) {
                    List<Object> l = materialize(a, in);
                    lists.add(l);
                    n = Math.min(n, l.size());
                }
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < (lists.isEmpty() ? 0 : n); i++) {
                    Object[] row = new Object[lists.size()];
                    for (int j = 0; j < row.length; j++) {
                        row[j] = lists.get(j).get(i);
                    }
                    out.add(new Tuple(java.util.Arrays.asList(row)));
                }
                return out;
            }
            case "abs" -> {
                Methods.arity(name, args, 1, 1);
                Object o = args.getFirst();
                if (Values.isInt(o)) {
                    long l = Values.asLong(o);
                    if (l == Long.MIN_VALUE) {
                        throw PyError.overflow();
                    }
                    return Math.abs(l);
                }
                if (o instanceof Double d) {
                    return Math.abs(d);
                }
                throw PyError.type("bad operand type for abs(): '" + Values.typeName(o) + "'");
            }
            case "round" -> {
                Methods.arity(name, args, 1, 2);
                Object o = args.getFirst();
                if (!Values.isNumber(o)) {
                    throw PyError.type("type " + Values.typeName(o) + " doesn't define __round__ method");
                }
                if (args.size() == 1 || args.get(1) == null) {
                    if (Values.isInt(o)) {
                        return Values.asLong(o);
                    }
                    double d = (Double) o;
                    if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) > 9.2e18) {
                        throw PyError.value("cannot convert float to integer");
                    }
                    return (long) Math.rint(d);
                }
                long digits = Values.asLong(args.get(1));
                if (Values.isInt(o)) {
                    return Values.asLong(o);
                }
                if (digits > 300 || digits < -300) {
                    return digits > 0 ? o : 0.0;
                }
                return new java.math.BigDecimal((Double) o).setScale((int) digits, java.math.RoundingMode.HALF_EVEN)
                        .doubleValue();
            }
            case "print" -> {
                StringBuilder b = new StringBuilder();
                for (Object a : args) {
                    if (!b.isEmpty()) {
                        b.append(' ');
                    }
                    b.append(Values.toStr(a));
                }
                in.compute(b.length());
                in.env.log("print", b.toString(), Map.of());
                return null;
            }
            default -> throw new PyError("NameError", "name '" + name + "' is not defined");
        }
    }

    private static long toInt(Object o, long base) {
        String s = Values.str(o);
        if (s != null) {
            String t = s.strip().replace("_", "");
            try {
                return Long.parseLong(t, base < 0 ? 10 : (int) base);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw PyError.value("invalid literal for int() with base " + (base < 0 ? 10 : base) + ": "
                        + Values.repr(s));
            }
        }
        if (Values.isInt(o)) {
            return Values.asLong(o);
        }
        if (o instanceof Double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw PyError.value("cannot convert float " + Values.floatRepr(d) + " to integer");
            }
            if (Math.abs(d) >= 9.2e18) {
                throw PyError.overflow();
            }
            return (long) (double) d;
        }
        throw PyError.type("int() argument must be a string or a number, not '" + Values.typeName(o) + "'");
    }

    private static double toFloat(Object o) {
        String s = Values.str(o);
        if (s != null) {
            String t = s.strip().toLowerCase(java.util.Locale.ROOT);
            switch (t) {
                case "inf", "+inf", "infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-inf", "-infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                case "nan" -> {
                    return Double.NaN;
                }
                default -> {
                }
            }
            try {
                if (!t.matches("[+-]?(\\d[\\d_]*\\.?[\\d_]*|\\.\\d[\\d_]*)(e[+-]?\\d+)?")) {
                    throw new NumberFormatException();
                }
                return Double.parseDouble(t.replace("_", ""));
            } catch (NumberFormatException e) {
                throw PyError.value("could not convert string to float: " + Values.repr(s));
            }
        }
        if (Values.isNumber(o)) {
            return Values.asDouble(o);
        }
        throw PyError.type("float() argument must be a string or a real number, not '" + Values.typeName(o) + "'");
    }
}
