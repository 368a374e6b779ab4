package dev.gatehouse.expression.python;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The methods of str, list, dict, tuple and set the subset supports. */
final class Methods {
    private static final Set<String> STR = Set.of("lower", "upper", "strip", "lstrip", "rstrip", "split", "rsplit",
            "startswith", "endswith", "replace", "join", "find", "rfind", "index", "count", "title", "capitalize",
            "isdigit", "isalpha", "isalnum", "isspace", "islower", "isupper", "splitlines", "casefold", "removeprefix",
            "removesuffix", "zfill", "partition", "format");
    private static final Set<String> LIST = Set.of("append", "extend", "index", "count", "pop", "insert", "remove",
            "sort", "reverse", "copy", "clear");
    private static final Set<String> DICT = Set.of("get", "keys", "values", "items", "update", "pop", "setdefault",
            "copy", "clear");

    private Methods() {
    }

    static boolean has(Object o, String name) {
        return switch (o) {
            case String s -> STR.contains(name);
            case FieldedStr s -> STR.contains(name) || name.equals("get");
            case List<?> l -> LIST.contains(name);
            case Map<?, ?> m -> DICT.contains(name);
            case Tuple t -> name.equals("index") || name.equals("count");
            case Set<?> s -> name.equals("add") || name.equals("discard");
            case null, default -> false;
        };
    }

    static void arity(String name, List<Object> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw PyError.type(name + "() takes " + (min == max ? "exactly " + min : min + " to " + max)
                    + " argument" + (max == 1 ? "" : "s") + " (" + args.size() + " given)");
        }
    }

    private static void noKeywords(String name, Map<String, Object> kwargs) {
        if (!kwargs.isEmpty()) {
            throw PyError.type(name + "() takes no keyword arguments");
        }
    }

    private static String strArg(String name, Object o) {
        String s = Values.str(o);
        if (s == null) {
            throw PyError.type(name + "() argument must be str, not " + Values.typeName(o));
        }
        return s;
    }

    static Object str(String s, String name, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
        if (!STR.contains(name)) {
            throw PyError.attribute(s, name);
        }
        if (!name.equals("split") && !name.equals("rsplit") && !name.equals("format")) {
            noKeywords(name, kwargs);
        }
        switch (name) {
            case "lower", "casefold" -> {
                arity(name, args, 0, 0);
                return s.toLowerCase(Locale.ROOT);
            }
            case "upper" -> {
                arity(name, args, 0, 0);
                return s.toUpperCase(Locale.ROOT);
            }
            case "strip", "lstrip", "rstrip" -> {
                arity(name, args, 0, 1);
                String chars = args.isEmpty() || args.getFirst() == null ? null : strArg(name, args.getFirst());
                int start = 0;
                int end = s.length();
                if (!name.equals("rstrip")) {
                    while (start < end && strippable(s.charAt(start), chars)) {
                        start++;
                    }
                }
                if (!name.equals("lstrip")) {
                    while (end > start && strippable(s.charAt(end - 1), chars)) {
                        end--;
                    }
                }
                return s.substring(start, end);
            }
            case "split", "rsplit" -> {
                Object sep = args.isEmpty() ? kwargs.get("sep") : args.getFirst();
                Object max = args.size() > 1 ? args.get(1) : kwargs.getOrDefault("maxsplit", -1L);
                return split(s, sep == null ? null : strArg(name, sep), Values.asLong(max), name.equals("rsplit"), in);
            }
            case "splitlines" -> {
                List<Object> out = new ArrayList<>(List.of((Object[]) s.split("\r\n|\r|\n", -1)));
                if (!out.isEmpty() && ((String) out.getLast()).isEmpty()) {
                    out.removeLast();
                }
                in.compute(out.size());
                return out;
            }
            case "startswith", "endswith" -> {
                arity(name, args, 1, 1);
                List<Object> options = args.getFirst() instanceof Tuple t ? t.items() : List.of(args.getFirst());
                for (Object o : options) {
                    String p = strArg(name, o);
                    if (name.equals("startswith") ? s.startsWith(p) : s.endsWith(p)) {
                        return true;
                    }
                }
                return false;
            }
            case "replace" -> {
                arity(name, args, 2, 3);
                String old = strArg(name, args.get(0));
                String rep = strArg(name, args.get(1));
                long count = args.size() > 2 ? Values.asLong(args.get(2)) : -1;
                long occurrences = old.isEmpty() ? s.length() + 1 : (s.length() - s.replace(old, "").length()) / old.length();
                if (count >= 0) {
                    occurrences = Math.min(occurrences, count);
                }
                in.compute(s.length() + occurrences * Math.max(0, rep.length() - old.length()));
                if (count < 0) {
                    return s.replace(old, rep);
                }
                StringBuilder b = new StringBuilder();
                int from = 0;
                for (long i = 0; i < count; i++) {
                    int at = s.indexOf(old, from);
                    if (at < 0) {
                        break;
                    }
                    b.append(s, from, at).append(rep);
                    from = at + old.length();
                }
                return b.append(s.substring(from)).toString();
            }
            case "join" -> {
                arity(name, args, 1, 1);
                StringBuilder b = new StringBuilder();
                Iterator<Object> it = Values.iterate(args.getFirst());
                boolean first = true;
                while (it.hasNext()) {
                    Object o = it.next();
                    String part = Values.str(o);
                    if (part == null) {
                        throw PyError.type("sequence item: expected str instance, " + Values.typeName(o) + " found");
                    }
                    in.compute(part.length() + (first ? 0 : s.length()));
                    if (!first) {
                        b.append(s);
                    }
                    first = false;
                    b.append(part);
                }
                return b.toString();
            }
            case "find", "rfind", "index" -> {
                arity(name, args, 1, 1);
                String sub = strArg(name, args.getFirst());
                int at = name.equals("rfind") ? s.lastIndexOf(sub) : s.indexOf(sub);
                if (at < 0 && name.equals("index")) {
                    throw PyError.value("substring not found");
                }
                return (long) at;
            }
            case "count" -> {
                arity(name, args, 1, 1);
                String sub = strArg(name, args.getFirst());
                if (sub.isEmpty()) {
                    return (long) s.length() + 1;
                }
                long n = 0;
                for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
                    n++;
                }
                return n;
            }
            case "title" -> {
                StringBuilder b = new StringBuilder();
                boolean previousCased = false;
                for (char c : s.toCharArray()) {
                    b.append(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
                    previousCased = Character.isLetter(c);
                }
                return b.toString();
            }
            case "capitalize" -> {
                return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            }
            case "isdigit" -> {
                return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            }
            case "isalpha" -> {
                return !s.isEmpty() && s.chars().allMatch(Character::isLetter);
            }
            case "isalnum" -> {
                return !s.isEmpty() && s.chars().allMatch(Character::isLetterOrDigit);
            }
            case "isspace" -> {
                return !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            }
            case "islower" -> {
                return s.chars().anyMatch(Character::isLetter) && s.equals(s.toLowerCase(Locale.ROOT));
            }
            case "isupper" -> {
                return s.chars().anyMatch(Character::isLetter) && s.equals(s.toUpperCase(Locale.ROOT));
            }
            case "removeprefix" -> {
                String p = strArg(name, args.getFirst());
                return s.startsWith(p) ? s.substring(p.length()) : s;
            }
            case "removesuffix" -> {
                String p = strArg(name, args.getFirst());
                return s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
            }
            case "zfill" -> {
                long width = Values.asLong(args.getFirst());
                in.compute(Math.max(0, width));
                if (width <= s.length()) {
                    return s;
                }
                String sign = s.startsWith("-") || s.startsWith("+") ? s.substring(0, 1) : "";
                return sign + "0".repeat((int) width - s.length()) + s.substring(sign.length());
            }
            case "partition" -> {
                String sep = strArg(name, args.getFirst());
                int at = s.indexOf(sep);
                return at < 0 ? Tuple.of(s, "", "") : Tuple.of(s.substring(0, at), sep, s.substring(at + sep.length()));
            }
            case "format" -> {
                return Formatting.format(s, args, kwargs, in);
            }
            default -> throw PyError.attribute(s, name);
        }
    }

    private static boolean strippable(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    private static List<Object> split(String s, String sep, long max, boolean right, Interpreter in) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            String t = s.strip();
            if (t.isEmpty()) {
                return out;
            }
            String[] parts = max < 0 ? t.split("\\s+") : null;
            if (parts != null) {
                in.compute(parts.length);
                out.addAll(List.of((Object[]) parts));
                return out;
            }
            sep = " ";
            s = t.replaceAll("\\s+", " ");
        }
        if (sep.isEmpty()) {
            throw PyError.value("empty separator");
        }
        if (right && max >= 0) {
            int end = s.length();
            for (long i = 0; i < max; i++) {
                int at = s.lastIndexOf(sep, end - sep.length());
                if (at < 0 || end - sep.length() < 0) {
                    break;
                }
                out.addFirst(s.substring(at + sep.length(), end));
                end = at;
                in.compute(1);
            }
            out.addFirst(s.substring(0, end));
            return out;
        }
        int from = 0;
        long n = 0;
        while (max < 0 || n < max) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                break;
            }
            in.compute(1);
            out.add(s.substring(from, at));
            from = at + sep.length();
            n++;
        }
        out.add(s.substring(from));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object list(List<?> raw, String name, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
        List<Object> l = (List<Object>) raw;
        if (!LIST.contains(name)) {
            throw PyError.attribute(l, name);
        }
        if (!name.equals("sort")) {
            noKeywords(name, kwargs);
        }
        switch (name) {
            case "append" -> {
                arity(name, args, 1, 1);
                in.compute(1);
                l.add(args.getFirst());
                return null;
            }
            case "extend" -> {
                arity(name, args, 1, 1);
                extend(l, args.getFirst(), in);
                return null;
            }
            case "insert" -> {
                arity(name, args, 2, 2);
                long i = Values.asLong(args.getFirst());
                if (i < 0) {
                    i = Math.max(0, i + l.size());
                }
                in.compute(1);
                l.add((int) Math.min(i, l.size()), args.get(1));
                return null;
            }
            case "index", "count", "remove" -> {
                arity(name, args, 1, 1);
                long count = 0;
                for (int i = 0; i < l.size(); i++) {
                    if (Values.eq(l.get(i), args.getFirst())) {
                        if (name.equals("index")) {
                            return (long) i;
                        }
                        if (name.equals("remove")) {
                            l.remove(i);
                            return null;
                        }
                        count++;
                    }
                }
                if (name.equals("count")) {
                    return count;
                }
                throw PyError.value(name.equals("index") ? Values.repr(args.getFirst()) + " is not in list"
                        : "list.remove(x): x not in list");
            }
            case "pop" -> {
                arity(name, args, 0, 1);
                if (l.isEmpty()) {
                    throw new PyError("IndexError", "pop from empty list");
                }
                int i = args.isEmpty() ? l.size() - 1 : Operators.index(args.getFirst(), l.size(), "pop");
                return l.remove(i);
            }
            case "sort" -> {
                boolean reverse = Values.truthy(kwargs.get("reverse"));
                if (kwargs.containsKey("key")) {
                    throw PyError.type("sort(key=...) is not supported");
                }
                in.iterations(l.size());
                sort(l, reverse);
                return null;
            }
            case "reverse" -> {
                java.util.Collections.reverse(l);
                return null;
            }
            case "copy" -> {
                in.compute(l.size());
                return new ArrayList<>(l);
            }
            case "clear" -> {
                l.clear();
                return null;
            }
            default -> throw PyError.attribute(l, name);
        }
    }

    static void sort(List<Object> l, boolean reverse) {
        l.sort((a, b) -> reverse ? Values.compare(b, a, "<") : Values.compare(a, b, "<"));
    }

    @SuppressWarnings("unchecked")
    static void extend(List<?> raw, Object items, Interpreter in) {
        List<Object> l = (List<Object>) raw;
        List<Object> add = new ArrayList<>();
        Iterator<Object> it = Values.iterate(items);
        while (it.hasNext()) {
            in.compute(1);
            add.add(it.next());
        }
        l.addAll(add);
    }

    @SuppressWarnings("unchecked")
    static Object dict(Map<?, ?> raw, String name, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
        Map<Object, Object> m = (Map<Object, Object>) raw;
        if (!DICT.contains(name)) {
            throw PyError.attribute(m, name);
        }
        if (!name.equals("update")) {
            noKeywords(name, kwargs);
        }
        switch (name) {
            case "get" -> {
                arity(name, args, 1, 2);
                Object key = Values.key(args.getFirst());
                Object v = m.get(key);
                return v != null || m.containsKey(key) ? v : args.size() > 1 ? args.get(1) : null;
            }
            case "keys" -> {
                in.compute(m.size());
                return new ArrayList<>(m.keySet());
            }
            case "values" -> {
                in.compute(m.size());
                return new ArrayList<>(m.values());
            }
            case "items" -> {
                in.compute(m.size());
                List<Object> out = new ArrayList<>(m.size());
                for (Map.Entry<Object, Object> e : m.entrySet()) {
                    out.add(Tuple.of(e.getKey(), e.getValue()));
                }
                return out;
            }
            case "update" -> {
                arity(name, args, 0, 1);
                if (!args.isEmpty()) {
                    if (args.getFirst() instanceof Map<?, ?> other) {
                        in.compute(other.size());
                        m.putAll(other);
                    } else {
                        Iterator<Object> it = Values.iterate(args.getFirst());
                        while (it.hasNext()) {
                            Object pair = it.next();
                            List<?> kv = pair instanceof Tuple t ? t.items() : pair instanceof List<?> pl ? pl : null;
                            if (kv == null || kv.size() != 2) {
                                throw PyError.value("dictionary update sequence element has the wrong length");
                            }
                            in.compute(1);
                            m.put(Values.key(kv.get(0)), kv.get(1));
                        }
                    }
                }
                in.compute(kwargs.size());
                m.putAll(kwargs);
                return null;
            }
            case "pop" -> {
                arity(name, args, 1, 2);
                Object key = Values.key(args.getFirst());
                if (m.containsKey(key)) {
                    return m.remove(key);
                }
                if (args.size() > 1) {
                    return args.get(1);
                }
                throw new PyError("KeyError", Values.repr(args.getFirst()));
            }
            case "setdefault" -> {
                arity(name, args, 1, 2);
                Object key = Values.key(args.getFirst());
                if (!m.containsKey(key)) {
                    in.compute(1);
                    m.put(key, args.size() > 1 ? args.get(1) : null);
                }
                return m.get(key);
            }
            case "copy" -> {
                in.compute(m.size());
                return new LinkedHashMap<>(m);
            }
            case "clear" -> {
                m.clear();
                return null;
            }
            default -> throw PyError.attribute(m, name);
        }
    }

    static Object tuple(Tuple t, String name, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
        if (name.equals("index") || name.equals("count")) {
            return list(new ArrayList<>(t.items()), name, args, kwargs, in);
        }
        throw PyError.attribute(t, name);
    }

    @SuppressWarnings("unchecked")
    static Object set(Set<?> raw, String name, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
        Set<Object> s = (Set<Object>) raw;
        arity(name, args, 1, 1);
        switch (name) {
            case "add" -> {
                in.compute(1);
                s.add(Values.key(args.getFirst()));
                return null;
            }
            case "discard" -> {
                s.remove(Values.key(args.getFirst()));
                return null;
            }
            default -> throw PyError.attribute(s, name);
        }
    }
}
