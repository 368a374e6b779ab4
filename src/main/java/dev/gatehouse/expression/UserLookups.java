package dev.gatehouse.expression;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import dev.gatehouse.core.UserStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * {@code ak_user_by(**filters)} over the user store: the one user matching every filter ({@code username},
 * {@code pk}, {@code email}, {@code uuid}), with its groups; null when none or more than one matches (authentik's
 * {@code User.objects.filter(...).first()} reads only unique fields in practice).
 */
public final class UserLookups {
    private UserLookups() {
    }

    /** The lookup policies and mappings get: over the store {@code dsl} gives at the time of each call. */
    public static UserLookup stored(java.util.function.Supplier<DSLContext> dsl) {
        return filters -> find(dsl.get(), filters);
    }

    static UserLookup.Found find(DSLContext dsl, Map<String, Object> filters) {
        UserStore store = new UserStore(dsl);
        Optional<User> candidate;
        if (filters.get("pk") instanceof Number pk) {
            candidate = store.byPk(pk.longValue());
        } else if (filters.get("username") instanceof String username) {
            candidate = store.byUsername(username);
        } else if (filters.get("email") instanceof String || filters.get("uuid") instanceof String) {
            List<User> all = store.all().stream().filter(u -> matches(u, filters)).toList();
            candidate = all.size() == 1 ? Optional.of(all.getFirst()) : Optional.empty();
        } else {
            return null;
        }
        return candidate.filter(u -> matches(u, filters))
                .map(u -> new UserLookup.Found(u, UserGroups.of(dsl, u.pk()))).orElse(null);
    }

    private static boolean matches(User u, Map<String, Object> filters) {
        for (Map.Entry<String, Object> f : filters.entrySet()) {
            Object actual = switch (f.getKey()) {
                case "pk" -> u.pk();
                case "username" -> u.username();
                case "email" -> u.email();
                case "uuid" -> u.uuid() == null ? null : u.uuid().toString();
                default -> null;
            };
            Object wanted = f.getValue() instanceof Number n ? (Object) n.longValue() : f.getValue();
            if (!Objects.equals(actual instanceof Number n ? (Object) n.longValue() : actual, wanted)) {
                return false;
            }
        }
        return true;
    }
}
