package dev.gatehouse.expression;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user as expressions see it ({@code user}, {@code request.user}): a map with the names of authentik's user
 * object. Policies and mappings both build it here.
 * <ul>
 * <li>{@code pk} (int), {@code uuid}, {@code username}, {@code name}, {@code email}, {@code is_active},
 * {@code is_authenticated}, {@code type}, {@code path}, {@code attributes} (map), {@code last_login} and
 * {@code date_joined} (timestamps; {@code last_login} may be null);</li>
 * <li>when the groups are known: {@code groups} (the direct groups, authentik's {@code ak_groups}),
 * {@code all_groups} (direct and inherited), each a map with {@code pk}, {@code name}, {@code is_superuser},
 * {@code attributes}, {@code parents} (pks); {@code group_attributes} (authentik's {@code group_attributes()}:
 * all groups' attributes merged, the user's own on top) and {@code is_superuser}.</li>
 * </ul>
 * Without groups those four keys are absent, so an expression using them fails rather than seeing "no groups".
 */
public final class UserValue {
    static final String ALL_GROUPS = "all_groups";

    private UserValue() {
    }

    /** A user value: a plain map to CEL, authentik's user object to Python. */
    static final class UserMap extends LinkedHashMap<String, Object> {
        UserMap(Map<String, Object> m) {
            super(m);
        }
    }

    /** The user with its groups; {@code groups} may be {@code null} when they are not known. */
    public static Map<String, Object> of(User user, UserGroups groups) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pk", user.pk());
        m.put("uuid", user.uuid() == null ? "" : user.uuid().toString());
        m.put("username", user.username());
        m.put("name", user.name());
        m.put("email", user.email());
        m.put("is_active", user.isActive());
        m.put("is_authenticated", true);
        m.put("type", user.type() == null ? "" : user.type().wire());
        m.put("path", user.path());
        m.put("attributes", user.attributes());
        m.put("last_login", user.lastLogin());
        m.put("date_joined", user.dateJoined());
        if (groups != null) {
            m.put("groups", groups(groups.direct()));
            m.put(ALL_GROUPS, groups(groups.all()));
            m.put("group_attributes", groups.attributes(user));
            m.put("is_superuser", groups.isSuperuser());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) CelValues.toCel(m);
        return new UserMap(value);
    }

    /** Django's {@code AnonymousUser}: no pk, empty names, not authenticated, no groups or attributes. */
    public static Map<String, Object> anonymous() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pk", null);
        m.put("uuid", "");
        m.put("username", "");
        m.put("name", "");
        m.put("email", "");
        m.put("is_active", false);
        m.put("is_authenticated", false);
        m.put("type", "");
        m.put("path", "");
        m.put("attributes", Map.of());
        m.put("last_login", null);
        m.put("date_joined", null);
        m.put("groups", List.of());
        m.put(ALL_GROUPS, List.of());
        m.put("group_attributes", Map.of());
        m.put("is_superuser", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) CelValues.toCel(m);
        return new UserMap(value);
    }

    private static List<Map<String, Object>> groups(List<Group> groups) {
        return groups.stream().map(UserValue::group).toList();
    }

    private static Map<String, Object> group(Group g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pk", g.pk());
        m.put("name", g.name());
        m.put("is_superuser", g.isSuperuser());
        m.put("attributes", g.attributes());
        m.put("parents", g.parents());
        return m;
    }
}
