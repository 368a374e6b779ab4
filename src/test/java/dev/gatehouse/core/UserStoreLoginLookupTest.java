package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserType;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link UserStore#findForLogin}: the exact username first, then (when allowed) one differing only in case. */
class UserStoreLoginLookupTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    @ParameterizedTest
    @MethodSource(KINDS)
    void theExactNameWinsAndCaseIsIgnoredOnlyWhenAllowed(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserStore users = new UserStore(db.dsl());
            users.insert("Alice", "Alice Upper", "a1@example.org", "!x", true, UserType.INTERNAL, "users", Map.of());
            users.insert("alice", "alice lower", "a2@example.org", "!x", true, UserType.INTERNAL, "users", Map.of());
            users.insert("Bob", "Bob", "bob@example.org", "!x", true, UserType.INTERNAL, "users", Map.of());

            assertThat(users.findForLogin("alice", true, false, true).map(User::name)).contains("alice lower");
            assertThat(users.findForLogin("Alice", true, false, true).map(User::name)).contains("Alice Upper");
            assertThat(users.findForLogin("bob", true, false, true).map(User::username)).contains("Bob");
            assertThat(users.findForLogin("bob", true, false, false)).as("case matters when not ignored").isEmpty();
            assertThat(users.findForLogin("BOB@EXAMPLE.ORG", true, true, true).map(User::username)).contains("Bob");
            assertThat(users.findForLogin("nobody", true, true, true)).isEmpty();
        }
    }
}
