package dev.gatehouse.core;

import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.store.Database;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.impl.DSL;

/** Small builders shared by the core-service tests. */
final class Fixtures {
    static final PasswordHasher HASHER = new PasswordHasher();

    private Fixtures() {
    }

    static UserChanges user(String username) {
        return new UserChanges(username, null, null, null, null, null, null, null, null);
    }

    static UserChanges userWithHash(String username, String passwordHash) {
        return new UserChanges(username, null, null, null, null, null, null, null, passwordHash);
    }

    static UserChanges userInGroups(String username, List<UUID> groups) {
        return new UserChanges(username, null, null, null, null, null, null, groups, null);
    }

    static UserChanges userWithAttributes(String username, Map<String, Object> attributes) {
        return new UserChanges(username, null, null, null, null, null, attributes, null, null);
    }

    static GroupChanges group(String name) {
        return new GroupChanges(name, null, null, null, null);
    }

    static GroupChanges group(String name, boolean superuser, Map<String, Object> attributes, UUID... parents) {
        return new GroupChanges(name, superuser, List.of(parents), attributes, null);
    }

    static GroupChanges parents(UUID... parents) {
        return new GroupChanges(null, null, List.of(parents), null, null);
    }

    static long count(Database db, String table) {
        return db.dsl().fetchCount(DSL.table(DSL.name(table)));
    }

    static long countWhere(Database db, String table, org.jooq.Condition condition) {
        return db.dsl().fetchCount(DSL.table(DSL.name(table)), condition);
    }
}
