package dev.gatehouse.expression.python;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's value semantics over Java objects: None is {@code null}, bool {@code Boolean}, int {@code Long}, float
 * {@code Double}, str {@code String} (or {@link FieldedStr}), list {@code ArrayList}, dict {@code LinkedHashMap},
 * tuple {@link Tuple}, set {@code LinkedHashSet}, range {@link Range}. Truthiness, equality, ordering,
 * {@code str()}/{@code repr()}, iteration and hashing as Python defines them.
 */
final class Values {
    private Values() {
    }

    static String typeName(Object o) {
        return switch (o) {
            case null -> "NoneType";
            case Boolean b -> "bool";
            case Long l -> "int";
            case Double d -> "float";
            case String s -> "str";
            case FieldedStr s -> "str";
            case List<?> l -> "list";
            case Map<?, ?> m -> "dict";
            case Tuple t -> "tuple";
            case Set<?> s -> "set";
            case Range r -> "range";
            case PyObject p -> p.typeName();
            case PyCallable c -> "builtin_function_or_method";
            default -> o.getClass().getSimpleName();
        };
    }

    static boolean truthy(Object o) {
        return switch (o) {
            case null -> false;
            case Boolean b -> b;
            case Long l -> l != 0;
            case Double d -> d != 0.0;
            case String s -> !s.isEmpty();
            case FieldedStr s -> !s.value().isEmpty();
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            case Tuple t -> !t.items().isEmpty();
            case Range r -> r.length() > 0;
            default -> true;
        };
    }

    /** The string inside a str value, or null when {@code o} is not a str. */
    static String str(Object o) {
        return o instanceof String s ? s : o instanceof FieldedStr f ? f.value() : null;
    }

    static boolean isInt(Object o) {
        return o instanceof Long || o instanceof Boolean;
    }

    static long asLong(Object o) {
        return o instanceof Boolean b ? (b ? 1 : 0) : (Long) o;
    }

    static boolean isNumber(Object o) {
        return o instanceof Long || o instanceof Double || o instanceof Boolean;
    }

    static double asDouble(Object o) {
        return o instanceof Double d ? d : asLong(o);
    }

    static boolean eq(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                return asDouble(a) == asDouble(b);
            }
            return asLong(a) == asLong(b);
        }
        String sa = str(a);
        if (sa != null) {
            String sb = str(b);
            return sa.equals(sb);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            return seqEq(la, lb);
        }
        if (a instanceof Tuple ta && b instanceof Tuple tb) {
            return seqEq(ta.items(), tb.items());
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !eq(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Set<?> x && b instanceof Set<?> y) {
            return x.equals(y);
        }
        return a.equals(b);
    }

    private static boolean seqEq(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!eq(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The object as a dict or set key: hashable values only, with 1.0 and 1 the same key. */
    static Object key(Object o) {
        return switch (o) {
            case FieldedStr f -> f.value();
            case Double d when d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e18 -> (long) (double) d;
            case List<?> l -> throw PyError.type("unhashable type: 'list'");
            case Map<?, ?> m -> throw PyError.type("unhashable type: 'dict'");
            case Set<?> s -> throw PyError.type("unhashable type: 'set'");
            case Tuple t -> {
                for (Object x : t.items()) {
                    key(x);
                }
                yield t;
            }
            case null, default -> o;
        };
    }

    static int compare(Object a, Object b, String op) {
        if (isNumber(a) && isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                return Double.compare(asDouble(a), asDouble(b));
            }
            return Long.compare(asLong(a), asLong(b));
        }
        String sa = str(a);
        String sb = str(b);
        if (sa != null && sb != null) {
            return Integer.signum(sa.compareTo(sb));
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            return compareSeq(la, lb, op);
        }
        if (a instanceof Tuple ta && b instanceof Tuple tb) {
            return compareSeq(ta.items(), tb.items(), op);
        }
        throw PyError.type("'" + op + "' not supported between instances of '" + typeName(a) + "' and '"
                + typeName(b) + "'");
    }

    private static int compareSeq(List<?> a, List<?> b, String op) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!eq(a.get(i), b.get(i))) {
                return compare(a.get(i), b.get(i), op);
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    static String toStr(Object o) {
        return switch (o) {
            case null -> "None";
            case String s -> s;
            case FieldedStr f -> f.value();
            default -> repr(o);
        };
    }

    static String repr(Object o) {
        StringBuilder b = new StringBuilder();
        repr(o, b, 0);
        return b.toString();
    }

    /** The longest {@code str()} or {@code repr()} built: that of the default memory bound. */
    static final int MAX_REPR = 1 << 20;

    private static void repr(Object o, StringBuilder b, int depth) {
        if (b.length() > MAX_REPR) {
            throw new Bounded("The expression built a string of more than " + MAX_REPR + " characters.");
        }
        if (depth > 50) {
            b.append("...");
            return;
        }
        switch (o) {
            case null -> b.append("None");
            case Boolean x -> b.append(x ? "True" : "False");
            case Long l -> b.append(l);
            case Double d -> b.append(floatRepr(d));
            case String s -> quote(s, b);
            case FieldedStr f -> quote(f.value(), b);
            case List<?> l -> {
                b.append('[');
                join(l, b, depth);
                b.append(']');
            }
            case Tuple t -> {
                b.append('(');
                join(t.items(), b, depth);
                if (t.items().size() == 1) {
                    b.append(',');
                }
                b.append(')');
            }
            case Set<?> s -> {
                if (s.isEmpty()) {
                    b.append("set()");
                } else {
                    b.append('{');
                    join(s, b, depth);
                    b.append('}');
                }
            }
            case Map<?, ?> m -> {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        b.append(", ");
                    }
                    first = false;
                    repr(e.getKey(), b, depth + 1);
                    b.append(": ");
                    repr(e.getValue(), b, depth + 1);
                }
                b.append('}');
            }
            case Range r -> b.append("range(").append(r.start()).append(", ").append(r.stop())
                    .append(r.step() == 1 ? "" : ", " + r.step()).append(')');
            case PyObject p -> b.append(p.toString());
            case PyCallable c -> b.append("<built-in function ").append(c.name()).append('>');
            default -> b.append(o);
        }
    }

    private static void join(Collection<?> items, StringBuilder b, int depth) {
        boolean first = true;
        for (Object x : items) {
            if (!first) {
                b.append(", ");
            }
            first = false;
            repr(x, b, depth + 1);
        }
    }

    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return (long) d + ".0";
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    private static void quote(String s, StringBuilder b) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        b.append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == q) {
                        b.append('\\');
                    }
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append(q);
    }

    /** The items of an iterable value; lists are read by index so that growing one while iterating stays bounded. */
    static Iterator<Object> iterate(Object o) {
        return switch (o) {
            case List<?> l -> new Iterator<>() {
                int i;

                public boolean hasNext() {
                    return i < l.size();
                }

                public Object next() {
                    return l.get(i++);
                }
            };
            case Tuple t -> t.items().iterator();
            case Map<?, ?> m -> new ArrayList<Object>(m.keySet()).iterator();
            case Set<?> s -> new ArrayList<Object>(s).iterator();
            case Range r -> new Iterator<>() {
                long i;
                final long n = r.length();

                public boolean hasNext() {
                    return i < n;
                }

                public Object next() {
                    return r.get(i++);
                }
            };
            case String s -> chars(s);
            case FieldedStr f -> chars(f.value());
            case null, default -> throw PyError.type("'" + typeName(o) + "' object is not iterable");
        };
    }

    private static Iterator<Object> chars(String s) {
        return new Iterator<>() {
            int i;

            public boolean hasNext() {
                return i < s.length();
            }

            public Object next() {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                return new String(Character.toChars(cp));
            }
        };
    }

    /** Python's {@code len()} where defined. */
    static long length(Object o) {
        return switch (o) {
            case String s -> s.codePointCount(0, s.length());
            case FieldedStr f -> f.value().codePointCount(0, f.value().length());
            case Collection<?> c -> c.size();
            case Map<?, ?> m -> m.size();
            case Tuple t -> t.items().size();
            case Range r -> r.length();
            case null, default -> throw PyError.type("object of type '" + typeName(o) + "' has no len()");
        };
    }
}
