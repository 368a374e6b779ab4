package dev.gatehouse.expression;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data for expressions: users and groups as records, no database. */
final class Fixtures {
    private Fixtures() {
    }

    static User user(String username, String name, Map<String, Object> attributes) {
        return new User(42, UUID.randomUUID(), username, name, username + "@example.com", null, null, true,
                UserType.INTERNAL, "users", attributes, null, Instant.parse("2024-01-02T03:04:05Z"));
    }

    static Group group(String name, Map<String, Object> attributes, Group... parents) {
        return new Group(UUID.randomUUID(), name, false, List.of(parents).stream().map(Group::pk).toList(),
                attributes, Instant.EPOCH);
    }

    static Object value(ExpressionResult r) {
        if (r instanceof ExpressionResult.Value v) {
            return v.value();
        }
        throw new AssertionError("expected a value, got " + r);
    }
}
