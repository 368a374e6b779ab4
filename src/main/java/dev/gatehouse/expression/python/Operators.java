package dev.gatehouse.expression.python;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's operators: arithmetic on 64-bit ints (overflow is an OverflowError, not a wrap) and floats with
 * Python's floor division and modulo, sequence concatenation and repetition (sized before allocating),
 * comparisons, membership, identity, subscripts and slices.
 */
final class Operators {
    private Operators() {
    }

    static Object binary(String op, Object a, Object b, Interpreter in) {
        if (Values.isInt(a) && Values.isInt(b)) {
            return intOp(op, Values.asLong(a), Values.asLong(b), in);
        }
        if (Values.isNumber(a) && Values.isNumber(b)) {
            return floatOp(op, Values.asDouble(a), Values.asDouble(b));
        }
        String sa = Values.str(a);
        switch (op) {
            case "+" -> {
                String sb = Values.str(b);
                if (sa != null && sb != null) {
                    in.compute((long) sa.length() + sb.length());
                    return sa + sb;
                }
                if (a instanceof List<?> la && b instanceof List<?> lb) {
                    in.compute((long) la.size() + lb.size());
                    List<Object> out = new ArrayList<>(la);
                    out.addAll(lb);
                    return out;
                }
                if (a instanceof Tuple ta && b instanceof Tuple tb) {
                    in.compute((long) ta.items().size() + tb.items().size());
                    List<Object> out = new ArrayList<>(ta.items());
                    out.addAll(tb.items());
                    return new Tuple(out);
                }
            }
            case "*" -> {
                if (Values.isInt(b) && !Values.isNumber(a)) {
                    return repeat(a, Values.asLong(b), in);
                }
                if (Values.isInt(a) && !Values.isNumber(b)) {
                    return repeat(b, Values.asLong(a), in);
                }
            }
            case "|" -> {
                if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
                    in.compute((long) ma.size() + mb.size());
                    Map<Object, Object> out = new java.util.LinkedHashMap<>(ma);
                    out.putAll(mb);
                    return out;
                }
                if (a instanceof Set<?> x && b instanceof Set<?> y) {
                    in.compute((long) x.size() + y.size());
                    Set<Object> out = new java.util.LinkedHashSet<>(x);
                    out.addAll(y);
                    return out;
                }
            }
            case "&" -> {
                if (a instanceof Set<?> x && b instanceof Set<?> y) {
                    in.compute(x.size());
                    Set<Object> out = new java.util.LinkedHashSet<>(x);
                    out.retainAll(y);
                    return out;
                }
            }
            case "-" -> {
                if (a instanceof Set<?> x && b instanceof Set<?> y) {
                    in.compute(x.size());
                    Set<Object> out = new java.util.LinkedHashSet<>(x);
                    out.removeAll(y);
                    return out;
                }
            }
            case "%" -> {
                if (sa != null) {
                    return Formatting.percent(sa, b, in);
                }
            }
            default -> {
            }
        }
        throw PyError.type("unsupported operand type(s) for " + op + ": '" + Values.typeName(a) + "' and '"
                + Values.typeName(b) + "'");
    }

    private static Object repeat(Object seq, long n, Interpreter in) {
        long count = Math.max(0, n);
        String s = Values.str(seq);
        if (s != null) {
            in.compute(multiply(s.length(), count));
            return s.repeat((int) count);
        }
        List<?> items = seq instanceof List<?> l ? l : seq instanceof Tuple t ? t.items() : null;
        if (items == null) {
            throw PyError.type("can't multiply sequence by non-int of type '" + Values.typeName(seq) + "'");
        }
        in.compute(multiply(items.size(), count));
        List<Object> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            out.addAll(items);
        }
        return seq instanceof Tuple ? new Tuple(out) : out;
    }

    private static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static Object intOp(String op, long a, long b, Interpreter in) {
        try {
            return switch (op) {
                case "+" -> Math.addExact(a, b);
                case "-" -> Math.subtractExact(a, b);
                case "*" -> Math.multiplyExact(a, b);
                case "/" -> {
                    if (b == 0) {
                        throw new PyError("ZeroDivisionError", "division by zero");
                    }
                    yield (double) a / (double) b;
                }
                case "//" -> {
                    if (b == 0) {
                        throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
                    }
                    if (a == Long.MIN_VALUE && b == -1) {
                        throw PyError.overflow();
                    }
                    yield Math.floorDiv(a, b);
                }
                case "%" -> {
                    if (b == 0) {
                        throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
                    }
                    yield Math.floorMod(a, b);
                }
                case "**" -> b < 0 ? floatOp("**", a, b) : power(a, b);
                case "&" -> a & b;
                case "|" -> a | b;
                case "^" -> a ^ b;
                case "<<" -> {
                    if (b < 0) {
                        throw PyError.value("negative shift count");
                    }
                    if (b >= 63 || (a != 0 && Long.numberOfLeadingZeros(Math.abs(a)) <= b + 1)) {
                        if (a == 0) {
                            yield 0L;
                        }
                        throw PyError.overflow();
                    }
                    yield a << b;
                }
                case ">>" -> {
                    if (b < 0) {
                        throw PyError.value("negative shift count");
                    }
                    yield a >> Math.min(b, 63);
                }
                default -> throw PyError.type("unsupported operand type(s) for " + op + ": 'int' and 'int'");
            };
        } catch (ArithmeticException e) {
            throw PyError.overflow();
        }
    }

    private static long power(long base, long exp) {
        if (base == 0 || base == 1) {
            return exp == 0 ? 1 : base;
        }
        if (base == -1) {
            return (exp & 1) == 0 ? 1 : -1;
        }
        if (exp >= 64) {
            throw PyError.overflow();
        }
        long result = 1;
        long b = base;
        long e = exp;
        while (e > 0) {
            if ((e & 1) == 1) {
                result = Math.multiplyExact(result, b);
            }
            e >>= 1;
            if (e > 0) {
                b = Math.multiplyExact(b, b);
            }
        }
        return result;
    }

    private static Object floatOp(String op, double a, double b) {
        return switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "/" -> {
                if (b == 0) {
                    throw new PyError("ZeroDivisionError", "float division by zero");
                }
                yield a / b;
            }
            case "//" -> {
                if (b == 0) {
                    throw new PyError("ZeroDivisionError", "float floor division by zero");
                }
                yield Math.floor(a / b);
            }
            case "%" -> {
                if (b == 0) {
                    throw new PyError("ZeroDivisionError", "float modulo");
                }
                double m = a % b;
                yield m != 0 && (m < 0) != (b < 0) ? m + b : m;
            }
            case "**" -> {
                if (a == 0 && b < 0) {
                    throw new PyError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
                }
                double r = Math.pow(a, b);
                if (Double.isInfinite(r) && !Double.isInfinite(a)) {
                    throw new PyError("OverflowError", "(34, 'Numerical result out of range')");
                }
                if (Double.isNaN(r) && !Double.isNaN(a) && !Double.isNaN(b)) {
                    throw PyError.value("complex results are not supported");
                }
                yield r;
            }
            default -> throw PyError.type("unsupported operand type(s) for " + op + ": 'float' and 'float'");
        };
    }

    static Object unary(String op, Object v) {
        switch (op) {
            case "not" -> {
                return !Values.truthy(v);
            }
            case "-" -> {
                if (Values.isInt(v)) {
                    long l = Values.asLong(v);
                    if (l == Long.MIN_VALUE) {
                        throw PyError.overflow();
                    }
                    return -l;
                }
                if (v instanceof Double d) {
                    return -d;
                }
            }
            case "+" -> {
                if (Values.isInt(v)) {
                    return Values.asLong(v);
                }
                if (v instanceof Double d) {
                    return d;
                }
            }
            case "~" -> {
                if (Values.isInt(v)) {
                    return ~Values.asLong(v);
                }
            }
            default -> {
            }
        }
        throw PyError.type("bad operand type for unary " + op + ": '" + Values.typeName(v) + "'");
    }

    static boolean compare(String op, Object a, Object b) {
        return switch (op) {
            case "==" -> Values.eq(a, b);
            case "!=" -> !Values.eq(a, b);
            case "<" -> Values.compare(a, b, op) < 0;
            case "<=" -> Values.compare(a, b, op) <= 0;
            case ">" -> Values.compare(a, b, op) > 0;
            case ">=" -> Values.compare(a, b, op) >= 0;
            case "in" -> contains(b, a);
            case "not in" -> !contains(b, a);
            case "is" -> identical(a, b);
            case "is not" -> !identical(a, b);
            default -> throw PyError.type("unknown comparison " + op);
        };
    }

    private static boolean identical(Object a, Object b) {
        if (a == null || b == null || a instanceof Boolean || b instanceof Boolean) {
            return a == b || a != null && a.equals(b);
        }
        return a == b;
    }

    static boolean contains(Object container, Object item) {
        String s = Values.str(container);
        if (s != null) {
            String sub = Values.str(item);
            if (sub == null) {
                throw PyError.type("'in <string>' requires string as left operand, not " + Values.typeName(item));
            }
            return s.contains(sub);
        }
        return switch (container) {
            case Map<?, ?> m -> m.containsKey(Values.key(item));
            case Set<?> set -> set.contains(Values.key(item));
            case Collection<?> c -> {
                for (Object x : c) {
                    if (Values.eq(x, item)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Tuple t -> contains(t.items(), item);
            case Range r -> {
                if (!Values.isInt(item)) {
                    yield false;
                }
                long v = Values.asLong(item);
                long n = r.length();
                if (n == 0) {
                    yield false;
                }
                long d = v - r.start();
                yield d % r.step() == 0 && d / r.step() >= 0 && d / r.step() < n;
            }
            case AuthentikObjects.GroupManager m -> contains(m.groups(), item);
            case null, default -> throw PyError.type("argument of type '" + Values.typeName(container)
                    + "' is not iterable");
        };
    }

    static int index(Object index, int size, String what) {
        if (!Values.isInt(index)) {
            throw PyError.type(what.split(" ")[0] + " indices must be integers or slices, not " + Values.typeName(index));
        }
        long i = Values.asLong(index);
        if (i < 0) {
            i += size;
        }
        if (i < 0 || i >= size) {
            throw new PyError("IndexError", what + " index out of range");
        }
        return (int) i;
    }

    static Object subscript(Object container, Object index, Interpreter in) {
        return switch (container) {
            case Map<?, ?> m -> {
                Object key = Values.key(index);
                Object v = m.get(key);
                if (v == null && !m.containsKey(key)) {
                    throw new PyError("KeyError", Values.repr(index));
                }
                yield v;
            }
            case List<?> l -> l.get(index(index, l.size(), "list"));
            case Tuple t -> t.items().get(index(index, t.items().size(), "tuple"));
            case String s -> String.valueOf(s.charAt(index(index, s.length(), "string")));
            case FieldedStr f -> {
                String key = Values.str(index);
                if (key != null) {
                    if (!f.fields().containsKey(key)) {
                        throw new PyError("KeyError", Values.repr(index));
                    }
                    yield f.fields().get(key);
                }
                yield String.valueOf(f.value().charAt(index(index, f.value().length(), "string")));
            }
            case Range r -> {
                if (!Values.isInt(index)) {
                    throw PyError.type("range indices must be integers");
                }
                long i = Values.asLong(index);
                long n = r.length();
                if (i < 0) {
                    i += n;
                }
                if (i < 0 || i >= n) {
                    throw new PyError("IndexError", "range object index out of range");
                }
                yield r.get(i);
            }
            case null, default -> throw PyError.type("'" + Values.typeName(container) + "' object is not subscriptable");
        };
    }

    static Object slice(Object container, Object lower, Object upper, Object step, Interpreter in) {
        long st = step == null ? 1 : sliceInt(step);
        if (st == 0) {
            throw PyError.value("slice step cannot be zero");
        }
        String s = Values.str(container);
        List<?> items = s != null ? null : container instanceof List<?> l ? l
                : container instanceof Tuple t ? t.items() : null;
        if (s == null && items == null) {
            throw PyError.type("'" + Values.typeName(container) + "' object is not subscriptable");
        }
        int size = s != null ? s.length() : items.size();
        long[] bounds = bounds(lower, upper, st, size);
        if (s != null) {
            if (st == 1) {
                return s.substring((int) bounds[0], (int) Math.max(bounds[0], bounds[1]));
            }
            StringBuilder b = new StringBuilder();
            for (long i = bounds[0]; st > 0 ? i < bounds[1] : i > bounds[1]; i += st) {
                b.append(s.charAt((int) i));
            }
            return b.toString();
        }
        List<Object> out = new ArrayList<>();
        for (long i = bounds[0]; st > 0 ? i < bounds[1] : i > bounds[1]; i += st) {
            out.add(items.get((int) i));
        }
        in.compute(out.size());
        return container instanceof Tuple ? new Tuple(out) : out;
    }

    private static long sliceInt(Object o) {
        if (!Values.isInt(o)) {
            throw PyError.type("slice indices must be integers or None");
        }
        return Values.asLong(o);
    }

    private static long[] bounds(Object lower, Object upper, long step, int size) {
        long start;
        long stop;
        if (step > 0) {
            start = lower == null ? 0 : clamp(sliceInt(lower), size, 0, size);
            stop = upper == null ? size : clamp(sliceInt(upper), size, 0, size);
        } else {
            start = lower == null ? size - 1 : clamp(sliceInt(lower), size, -1, size - 1);
            stop = upper == null ? -1 : clamp(sliceInt(upper), size, -1, size - 1);
        }
        return new long[]{start, stop};
    }

    private static long clamp(long i, int size, long min, long max) {
        if (i < 0) {
            i += size;
        }
        return Math.max(min, Math.min(max, i));
    }
}
