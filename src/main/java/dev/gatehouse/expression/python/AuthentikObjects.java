package dev.gatehouse.expression.python;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * authentik's objects as Python sees them, built per evaluation from the CEL values of the expression context:
 * the user ({@code .username}, {@code .ak_groups.all()}, {@code .group_attributes()}, …), its groups, the
 * request ({@code .user}, {@code .http_request.META[...]}, {@code .context}) and {@code ak_logger}. Plain maps and
 * lists become fresh dicts and lists, so an expression may change them without touching the caller's data.
 */
final class AuthentikObjects {
    private AuthentikObjects() {
    }

    /** A CEL value as a Python value. */
    static Object fromCel(Object v, Environment env) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> (long) i;
            case Double d -> d;
            case Number n -> n.doubleValue();
            case Map<?, ?> m when env.isUser(m) -> new UserObject(castMap(m), env);
            case Map<?, ?> m -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                m.forEach((k, x) -> out.put(String.valueOf(k), fromCel(x, env)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                for (Object x : l) {
                    out.add(fromCel(x, env));
                }
                yield out;
            }
            case Optional<?> o -> fromCel(o.orElse(null), env);
            case PyObject p -> p;
            default -> v.getClass().getName().endsWith("NullValue") ? null : String.valueOf(v);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    /** authentik's GeoIP dict: country, continent and city also answer MaxMind's keys. */
    static Object geoip(Object value) {
        if (!(value instanceof Map<?, ?> raw)) {
            return value;
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> m = (Map<Object, Object>) raw;
        if (m.get("country") instanceof String c) {
            m.put("country", new FieldedStr(c, Map.of("iso_code", c, "names", Map.of("en", c))));
        }
        if (m.get("continent") instanceof String c) {
            m.put("continent", new FieldedStr(c, Map.of("code", c, "names", Map.of("en", c))));
        }
        if (m.get("city") instanceof String c) {
            m.put("city", new FieldedStr(c, Map.of("names", Map.of("en", c))));
        }
        return m;
    }

    /** authentik's User. */
    static final class UserObject implements PyObject {
        private final Map<String, Object> cel;
        private final Environment env;
        private final Map<String, Object> cache = new LinkedHashMap<>();

        UserObject(Map<String, Object> cel, Environment env) {
            this.cel = cel;
            this.env = env;
        }

        Map<String, Object> cel() {
            return cel;
        }

        @Override
        public Object attribute(String name) {
            switch (name) {
                case "ak_groups", "groups" -> {
                    return cache.computeIfAbsent("groups", k -> new GroupManager(groups("groups")));
                }
                case "id" -> {
                    return attribute("pk");
                }
                case "is_anonymous" -> {
                    return !Boolean.TRUE.equals(cel.get("is_authenticated"));
                }
                default -> {
                }
            }
            if (name.equals("group_attributes") || name.equals("all_groups")) {
                return new BoundMethod(this, name);
            }
            if (!cel.containsKey(name)) {
                throw PyError.attribute(this, name);
            }
            if (cache.containsKey(name)) {
                return cache.get(name);
            }
            Object v = fromCel(cel.get(name), env);
            cache.put(name, v);
            return v;
        }

        private List<Object> groups(String key) {
            if (!(cel.get(key) instanceof List<?> l)) {
                throw new PyError("AttributeError", "the groups of user '" + cel.get("username") + "' are not known here");
            }
            List<Object> out = new ArrayList<>(l.size());
            for (Object g : l) {
                out.add(new GroupObject(castMap((Map<?, ?>) g), env));
            }
            return out;
        }

        @Override
        public Object call(String name, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
            Methods.arity(name, args, 0, 0);
            return switch (name) {
                case "group_attributes" -> {
                    if (!cel.containsKey("group_attributes")) {
                        throw new PyError("AttributeError", "the groups of user '" + cel.get("username")
                                + "' are not known here");
                    }
                    yield fromCel(cel.get("group_attributes"), env);
                }
                case "all_groups" -> new GroupManager(groups("all_groups"));
                case "get_full_name" -> attribute("name");
                case "get_username" -> attribute("username");
                default -> throw PyError.attribute(this, name);
            };
        }

        @Override
        public String typeName() {
            return "User";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UserObject u && java.util.Objects.equals(u.cel.get("pk"), cel.get("pk"))
                    && java.util.Objects.equals(u.cel.get("username"), cel.get("username"));
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(cel.get("pk"));
        }

        @Override
        public String toString() {
            return String.valueOf(cel.get("username"));
        }
    }

    /** authentik's Group. */
    static final class GroupObject implements PyObject {
        private final Map<String, Object> cel;
        private final Environment env;
        private Object attributes;

        GroupObject(Map<String, Object> cel, Environment env) {
            this.cel = cel;
            this.env = env;
        }

        @Override
        public Object attribute(String name) {
            return switch (name) {
                case "name", "pk", "is_superuser" -> fromCel(cel.get(name), env);
                case "num_pk", "group_uuid" -> fromCel(cel.get("pk"), env);
                case "attributes" -> {
                    if (attributes == null) {
                        attributes = fromCel(cel.get("attributes"), env);
                    }
                    yield attributes;
                }
                default -> throw PyError.attribute(this, name);
            };
        }

        @Override
        public String typeName() {
            return "Group";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GroupObject g && java.util.Objects.equals(g.cel.get("pk"), cel.get("pk"));
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(cel.get("pk"));
        }

        @Override
        public String toString() {
            return String.valueOf(cel.get("name"));
        }
    }

    /** {@code user.ak_groups}: Django's related manager, reduced to {@code all()}, {@code filter()} and friends. */
    record GroupManager(List<Object> groups) implements PyObject {
        @Override
        public Object attribute(String name) {
            throw PyError.attribute(this, name);
        }

        @Override
        public Object call(String name, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
            switch (name) {
                case "all" -> {
                    Methods.arity(name, args, 0, 0);
                    in.compute(groups.size());
                    return new ArrayList<>(groups);
                }
                case "filter", "exclude" -> {
                    Methods.arity(name, args, 0, 0);
                    List<Object> out = new ArrayList<>();
                    for (Object g : groups) {
                        if (matches((GroupObject) g, kwargs) == name.equals("filter")) {
                            out.add(g);
                        }
                    }
                    return new GroupManager(out);
                }
                case "exists" -> {
                    return !groups.isEmpty();
                }
                case "count" -> {
                    return (long) groups.size();
                }
                case "first" -> {
                    return groups.isEmpty() ? null : groups.getFirst();
                }
                case "values_list" -> {
                    if (args.size() != 1 || !Values.truthy(kwargs.get("flat"))) {
                        throw PyError.type("values_list() supports one field with flat=True");
                    }
                    List<Object> out = new ArrayList<>();
                    for (Object g : groups) {
                        out.add(((GroupObject) g).attribute(Values.toStr(args.getFirst())));
                    }
                    return out;
                }
                default -> throw PyError.attribute(this, name);
            }
        }

        private static boolean matches(GroupObject g, Map<String, Object> filters) {
            for (Map.Entry<String, Object> f : filters.entrySet()) {
                String field = f.getKey();
                if (field.endsWith("__in")) {
                    if (!Operators.contains(f.getValue(), g.attribute(field.substring(0, field.length() - 4)))) {
                        return false;
                    }
                } else if (!Values.eq(g.attribute(field), f.getValue())) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String typeName() {
            return "RelatedManager";
        }
    }

    /** Django's HttpRequest, reduced to what expressions read: {@code META}, {@code path}, {@code get_host()}. */
    static final class HttpRequestObject implements PyObject {
        private final Map<Object, Object> meta = new LinkedHashMap<>();
        private final Object user;
        private final String path;
        private final String host;

        HttpRequestObject(Map<?, ?> http, Object user) {
            this.user = user;
            this.path = str(http.get("path"));
            this.host = str(http.get("host"));
            put("REMOTE_ADDR", str(http.get("client_ip")));
            put("HTTP_USER_AGENT", str(http.get("user_agent")));
            put("HTTP_HOST", host);
            put("PATH_INFO", path);
        }

        private void put(String key, String value) {
            if (value != null) {
                meta.put(key, value);
            }
        }

        private static String str(Object o) {
            return o instanceof String s ? s : null;
        }

        @Override
        public Object attribute(String name) {
            return switch (name) {
                case "META" -> meta;
                case "path", "path_info" -> path;
                case "user" -> user;
                case "method" -> null;
                default -> throw PyError.attribute(this, name);
            };
        }

        @Override
        public Object call(String name, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
            if (name.equals("get_host")) {
                return host;
            }
            return PyObject.super.call(name, args, kwargs, in);
        }

        @Override
        public String typeName() {
            return "HttpRequest";
        }
    }

    /** authentik's PolicyRequest: {@code user}, {@code http_request}, {@code context}. */
    record RequestObject(Object user, Object http_request, Object context) implements PyObject {
        @Override
        public Object attribute(String name) {
            return switch (name) {
                case "user" -> user;
                case "http_request" -> http_request;
                case "context" -> context;
                default -> throw PyError.attribute(this, name);
            };
        }

        @Override
        public String typeName() {
            return "PolicyRequest";
        }
    }

    /** {@code ak_logger}: structlog's methods; the lines go to the result and the expression's SLF4J logger. */
    record Logger() implements PyObject {
        @Override
        public Object attribute(String name) {
            throw PyError.attribute(this, name);
        }

        @Override
        public Object call(String name, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
            switch (name) {
                case "debug", "info", "warning", "warn", "error", "exception", "critical" -> {
                    Methods.arity(name, args, 1, 1);
                    Map<String, Object> fields = new LinkedHashMap<>();
                    kwargs.forEach((k, v) -> fields.put(k, Values.toStr(v)));
                    String message = Values.toStr(args.getFirst());
                    in.compute(message.length() + fields.size());
                    in.env.log(name.equals("warn") ? "warning" : name.equals("exception") ? "error" : name, message,
                            fields);
                    return null;
                }
                default -> throw PyError.attribute(this, name);
            }
        }

        @Override
        public String typeName() {
            return "BoundLogger";
        }
    }
}
