package dev.gatehouse.expression.python;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python's format specifications ({@code [[fill]align][sign][0][width][,][.precision][type]}) for f-strings and
 * {@code str.format} (fields by position or keyword only: no attribute or index lookups in the field name), and
 * {@code %} formatting with {@code %s %r %d %i %f}. Widths count against the evaluation's memory bound.
 */
final class Formatting {
    private Formatting() {
    }

    static String format(Object v, String spec, Interpreter in) {
        if (spec.isEmpty()) {
            String s = Values.toStr(v);
            in.compute(s.length());
            return s;
        }
        int i = 0;
        char fill = ' ';
        char align = 0;
        if (spec.length() > 1 && "<>^=".indexOf(spec.charAt(1)) >= 0) {
            fill = spec.charAt(0);
            align = spec.charAt(1);
            i = 2;
        } else if ("<>^=".indexOf(spec.charAt(0)) >= 0) {
            align = spec.charAt(0);
            i = 1;
        }
        char sign = '-';
        if (i < spec.length() && "+- ".indexOf(spec.charAt(i)) >= 0) {
            sign = spec.charAt(i++);
        }
        if (i < spec.length() && spec.charAt(i) == '0') {
            fill = '0';
            if (align == 0) {
                align = '=';
            }
            i++;
        }
        int width = 0;
        while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
            width = width * 10 + spec.charAt(i++) - '0';
            if (width > 1_000_000) {
                throw PyError.value("Too many decimal digits in format string");
            }
        }
        boolean grouping = false;
        if (i < spec.length() && (spec.charAt(i) == ',' || spec.charAt(i) == '_')) {
            grouping = true;
            i++;
        }
        int precision = -1;
        if (i < spec.length() && spec.charAt(i) == '.') {
            i++;
            precision = 0;
            while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
                precision = precision * 10 + spec.charAt(i++) - '0';
                if (precision > 1000) {
                    throw PyError.value("precision too big");
                }
            }
        }
        char type = i < spec.length() ? spec.charAt(i++) : 0;
        if (i != spec.length()) {
            throw PyError.value("Invalid format specifier '" + spec + "'");
        }
        String body;
        boolean numeric = Values.isNumber(v);
        if (numeric) {
            if (type == 0 && Values.isInt(v) || type == 'd') {
                if (!Values.isInt(v)) {
                    throw PyError.value("Unknown format code 'd' for object of type 'float'");
                }
                body = grouping ? String.format(Locale.ROOT, "%,d", Math.abs(Values.asLong(v)))
                        : Long.toString(Math.abs(Values.asLong(v)));
            } else if (type == 'x' || type == 'X' || type == 'o' || type == 'b') {
                if (!Values.isInt(v)) {
                    throw PyError.value("Unknown format code '" + type + "' for object of type 'float'");
                }
                long l = Math.abs(Values.asLong(v));
                body = type == 'b' ? Long.toBinaryString(l) : type == 'o' ? Long.toOctalString(l) : Long.toHexString(l);
                body = type == 'X' ? body.toUpperCase(Locale.ROOT) : body;
            } else if (type == 'f' || type == 'F' || type == 'e' || type == 'E' || type == '%' || type == 'g'
                    || type == 0) {
                double d = Math.abs(Values.asDouble(v));
                int p = precision < 0 ? 6 : precision;
                body = switch (type) {
                    case 'e', 'E' -> String.format(Locale.ROOT, "%." + p + (type == 'e' ? "e" : "E"), d);
                    case '%' -> String.format(Locale.ROOT, grouping ? "%,." + p + "f" : "%." + p + "f", d * 100) + "%";
                    case 'g' -> String.format(Locale.ROOT, "%." + Math.max(1, p) + "g", d);
                    case 0 -> precision < 0 ? Values.floatRepr(d) : String.format(Locale.ROOT, "%." + Math.max(1, p) + "g", d);
                    default -> String.format(Locale.ROOT, grouping ? "%,." + p + "f" : "%." + p + "f", d);
                };
            } else if (type == 's') {
                throw PyError.value("Unknown format code 's' for object of type '" + Values.typeName(v) + "'");
            } else {
                throw PyError.value("Unknown format code '" + type + "' for object of type '" + Values.typeName(v) + "'");
            }
            boolean negative = Values.asDouble(v) < 0;
            String prefix = negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
            body = pad(prefix, body, width, fill, align == 0 ? '>' : align, in);
        } else {
            if (type != 0 && type != 's') {
                throw PyError.value("Unknown format code '" + type + "' for object of type '" + Values.typeName(v) + "'");
            }
            String s = Values.toStr(v);
            if (precision >= 0 && precision < s.length()) {
                s = s.substring(0, precision);
            }
            body = pad("", s, width, fill, align == 0 ? '<' : align, in);
        }
        return body;
    }

    private static String pad(String prefix, String body, int width, char fill, char align, Interpreter in) {
        int n = width - prefix.length() - body.length();
        in.compute(Math.max(width, prefix.length() + body.length()));
        if (n <= 0) {
            return prefix + body;
        }
        String f = String.valueOf(fill).repeat(n);
        return switch (align) {
            case '<' -> prefix + body + f;
            case '^' -> String.valueOf(fill).repeat(n / 2) + prefix + body + String.valueOf(fill).repeat(n - n / 2);
            case '=' -> prefix + f + body;
            default -> f + prefix + body;
        };
    }

    /** {@code "...".format(*args, **kwargs)}. */
    static String format(String template, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
        StringBuilder b = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                b.append('{');
                i++;
            } else if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                b.append('}');
                i++;
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw PyError.value("Single '{' encountered in format string");
                }
                String field = template.substring(i + 1, end);
                int colon = field.indexOf(':');
                String name = colon < 0 ? field : field.substring(0, colon);
                String spec = colon < 0 ? "" : field.substring(colon + 1);
                if (name.indexOf('!') >= 0) {
                    throw PyError.value("conversions in str.format fields are not supported");
                }
                Object value;
                if (name.isEmpty()) {
                    value = positional(args, auto++);
                } else if (name.chars().allMatch(Character::isDigit)) {
                    value = positional(args, Integer.parseInt(name));
                } else if (name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                    if (!kwargs.containsKey(name)) {
                        throw new PyError("KeyError", Values.repr(name));
                    }
                    value = kwargs.get(name);
                } else {
                    throw PyError.value("only plain field names are supported in str.format: '" + name + "'");
                }
                String s = format(value, spec, in);
                b.append(s);
                i = end;
            } else if (c == '}') {
                throw PyError.value("Single '}' encountered in format string");
            } else {
                b.append(c);
            }
        }
        in.compute(b.length());
        return b.toString();
    }

    private static Object positional(List<Object> args, int i) {
        if (i >= args.size()) {
            throw new PyError("IndexError", "Replacement index " + i + " out of range for positional args tuple");
        }
        return args.get(i);
    }

    /** {@code "..." % value}: {@code %s %r %d %i %f %%}. */
    static String percent(String template, Object value, Interpreter in) {
        List<Object> args = value instanceof Tuple t ? t.items() : List.of(value == null ? Tuple.EMPTY : value);
        if (value == null) {
            args = java.util.Collections.singletonList(null);
        }
        StringBuilder b = new StringBuilder();
        int next = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%') {
                b.append(c);
                continue;
            }
            if (++i >= template.length()) {
                throw PyError.value("incomplete format");
            }
            char t = template.charAt(i);
            if (t == '%') {
                b.append('%');
                continue;
            }
            if (next >= args.size()) {
                throw PyError.type("not enough arguments for format string");
            }
            Object v = args.get(next++);
            b.append(switch (t) {
                case 's' -> Values.toStr(v);
                case 'r' -> Values.repr(v);
                case 'd', 'i' -> {
                    if (!Values.isNumber(v)) {
                        throw PyError.type("%d format: a real number is required, not " + Values.typeName(v));
                    }
                    yield Long.toString(v instanceof Double d ? (long) (double) d : Values.asLong(v));
                }
                case 'f' -> {
                    if (!Values.isNumber(v)) {
                        throw PyError.type("must be real number, not " + Values.typeName(v));
                    }
                    yield String.format(Locale.ROOT, "%.6f", Values.asDouble(v));
                }
                default -> throw PyError.value("unsupported format character '" + t + "'");
            });
            in.compute(b.length());
        }
        if (next < args.size()) {
            throw PyError.type("not all arguments converted during string formatting");
        }
        return b.toString();
    }
}
