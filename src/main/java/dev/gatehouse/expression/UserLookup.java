package dev.gatehouse.expression;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import java.util.Map;

/**
 * Answers {@code ak_user_by(**filters)}: the one user matching all the filters ({@code username}, {@code pk},
 * {@code email}, {@code uuid}), with its groups, or null. Called only when an expression calls the helper.
 */
@FunctionalInterface
public interface UserLookup {
    /** A user found, with its groups (null when unknown). */
    record Found(User user, UserGroups groups) {
    }

    Found find(Map<String, Object> filters);
}
