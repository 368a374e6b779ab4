package dev.gatehouse.expression.python;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * authentik's expression helpers: {@code ak_message}, {@code ak_is_group_member}, {@code ak_is_in_network},
 * {@code ak_user_has_authenticator} and {@code ak_user_by}. They answer through the {@link Environment}.
 */
final class Helpers {
    static final Map<String, PyCallable> ALL;
    private static final Set<String> USER_FILTERS = Set.of("username", "pk", "email", "uuid");

    static {
        Map<String, PyCallable> m = new LinkedHashMap<>();
        for (String name : List.of("ak_message", "ak_is_group_member", "ak_is_in_network", "ak_user_has_authenticator",
                "ak_user_by")) {
            m.put(name, new Helper(name));
        }
        ALL = Map.copyOf(m);
    }

    private Helpers() {
    }

    private record Helper(String name) implements PyCallable {
        @Override
        public Object call(List<Object> args, Map<String, Object> kwargs, Interpreter in) {
            try {
                return Helpers.call(name, args, kwargs, in);
            } catch (IllegalArgumentException e) {
                throw new PyError("ValueError", e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "<function " + name + ">";
        }
    }

    private static AuthentikObjects.UserObject user(String name, Object o) {
        if (o instanceof AuthentikObjects.UserObject u) {
            return u;
        }
        throw PyError.type(name + "() expects a user, not '" + Values.typeName(o) + "'");
    }

    private static String str(String name, Object o) {
        String s = Values.str(o);
        if (s == null) {
            throw PyError.type(name + "() expects a str, not '" + Values.typeName(o) + "'");
        }
        return s;
    }

    static Object call(String name, List<Object> args, Map<String, Object> kwargs, Interpreter in) {
        switch (name) {
            case "ak_message" -> {
                Methods.arity(name, args, 1, 1);
                String text = Values.toStr(args.getFirst());
                in.compute(text.length());
                in.env.message(text);
                return null;
            }
            case "ak_is_group_member" -> {
                Methods.arity(name, args, 1, 2);
                AuthentikObjects.UserObject u = user(name, args.getFirst());
                Object group = args.size() > 1 ? args.get(1) : kwargs.get("name");
                if (group == null || kwargs.size() > (args.size() > 1 ? 0 : 1)) {
                    throw PyError.type(name + "() takes the user and the group's name (name=\"...\")");
                }
                return in.env.isGroupMember(u.cel(), str(name, group));
            }
            case "ak_is_in_network" -> {
                Methods.arity(name, args, 2, 2);
                return in.env.isInNetwork(str(name, args.get(0)), str(name, args.get(1)));
            }
            case "ak_user_has_authenticator" -> {
                Methods.arity(name, args, 1, 1);
                return in.env.hasAuthenticator(user(name, args.getFirst()).cel());
            }
            case "ak_user_by" -> {
                Methods.arity(name, args, 0, 0);
                if (kwargs.isEmpty()) {
                    throw PyError.type(name + "() needs at least one of username=, pk=, email=, uuid=");
                }
                Map<String, Object> filters = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : kwargs.entrySet()) {
                    if (!USER_FILTERS.contains(e.getKey())) {
                        throw PyError.type(name + "() got an unexpected keyword argument '" + e.getKey() + "'");
                    }
                    Object v = e.getValue();
                    filters.put(e.getKey(), Values.str(v) != null ? Values.str(v) : v);
                }
                Map<String, Object> found = in.env.userBy(filters);
                return found == null ? null : new AuthentikObjects.UserObject(found, in.env);
            }
            default -> throw new PyError("NameError", "name '" + name + "' is not defined");
        }
    }
}
