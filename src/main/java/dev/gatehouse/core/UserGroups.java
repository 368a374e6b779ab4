package dev.gatehouse.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The groups of one user: {@code direct} (authentik's {@code user.ak_groups}) and {@code all}, which adds every
 * ancestor, farthest ancestors first (ties by name) — the order {@link #attributes} merges them in.
 */
public record UserGroups(List<Group> direct, List<Group> all) {
    public static final UserGroups NONE = new UserGroups(List.of(), List.of());

    public UserGroups {
        direct = List.copyOf(direct);
        all = List.copyOf(all);
    }

    /** Reads a user's groups (two queries plus the parent lookups of {@code allGroupsOfUser}). */
    public static UserGroups of(DSLContext dsl, long userPk) {
        List<Group> all = new GroupStore(dsl).allGroupsOfUser(userPk);
        if (all.isEmpty()) {
            return NONE;
        }
        Set<UUID> direct = new HashSet<>(new GroupStore(dsl).directGroupsOfUser(userPk));
        return new UserGroups(all.stream().filter(g -> direct.contains(g.pk())).toList(), all);
    }

    /** Membership directly or through a parent group, by group name. */
    public boolean isMemberOf(String groupName) {
        return all.stream().anyMatch(g -> g.name().equals(groupName));
    }

    /** Superuser = member, directly or through parents, of a group with is_superuser. */
    public boolean isSuperuser() {
        return all.stream().anyMatch(Group::isSuperuser);
    }

    /** authentik's {@code group_attributes()}: every group's attributes deep-merged, the user's own on top. */
    public Map<String, Object> attributes(User user) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Group g : all) {
            deepMerge(merged, g.attributes());
        }
        if (user.attributes() != null) {
            deepMerge(merged, user.attributes());
        }
        return merged;
    }

    /** Maps merge key by key, lists concatenate, anything else is replaced (deepmerge's always_merger). */
    @SuppressWarnings("unchecked")
    static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            Object existing = into.get(e.getKey());
            Object incoming = e.getValue();
            if (existing instanceof Map<?, ?> em && incoming instanceof Map<?, ?> im) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) em);
                deepMerge(copy, (Map<String, Object>) im);
                into.put(e.getKey(), copy);
            } else if (existing instanceof List<?> el && incoming instanceof List<?> il) {
                List<Object> joined = new ArrayList<>(el);
                joined.addAll(il);
                into.put(e.getKey(), joined);
            } else {
                into.put(e.getKey(), incoming);
            }
        }
    }
}
