package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserType;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UserStoreListTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    /** Five users, inserted out of alphabetical order: pk order is dave, alice, carol, bob, eve. */
    private static UserStore seeded(Database db) {
        UserStore users = new UserStore(db.dsl());
        users.insert("dave", "Dave Miller", "dave@corp.example", "!x1", true, UserType.INTERNAL, "users", Map.of());
        users.insert("alice", "Alice Liddell", "alice@wonder.example", "!x2", true, UserType.INTERNAL, "users", Map.of());
        users.insert("carol", "Carol Danvers", "carol@corp.example", "!x3", false, UserType.EXTERNAL, "users/ext", Map.of());
        users.insert("bob", "Bob Stone", "bob@other.example", "!x4", true, UserType.SERVICE_ACCOUNT, "svc", Map.of());
        users.insert("eve", "Eve Smith", "eve@CORP.example", "!x5", false, UserType.INTERNAL, "users", Map.of());
        return users;
    }

    private static List<String> names(Page<User> page) {
        return page.results().stream().map(User::username).toList();
    }

    private static PageRequest req(int page, int size, String search, String ordering, Map<String, String> filters) {
        return new PageRequest(page, size, search, ordering, filters);
    }

    private static List<String> list(UserStore users, String search, String ordering, Map<String, String> filters) {
        return names(users.list(req(1, 20, search, ordering, filters)));
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void listWhenNoOrderingThenByUsernameWithTotalCount(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserStore users = seeded(db);

            Page<User> page = users.list(req(1, 20, null, null, Map.of()));

            assertThat(names(page)).containsExactly("alice", "bob", "carol", "dave", "eve");
            assertThat(page.count()).isEqualTo(5);
            assertThat(page.totalPages()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void listWhenOrderingGivenThenHonouredAndUnknownFieldsIgnored(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserStore users = seeded(db);

            assertThat(list(users, null, "-username", Map.of())).containsExactly("eve", "dave", "carol", "bob", "alice");
            assertThat(list(users, null, "-pk", Map.of())).containsExactly("eve", "bob", "carol", "alice", "dave");
            assertThat(list(users, null, "pk", Map.of())).containsExactly("dave", "alice", "carol", "bob", "eve");
            // not an orderable field (and never the password hash): the default order applies
            assertThat(list(users, null, "password", Map.of())).containsExactly("alice", "bob", "carol", "dave", "eve");
            assertThat(list(users, null, "-password", Map.of())).containsExactly("alice", "bob", "carol", "dave", "eve");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void listWhenOrderingByLastLoginThenNullsCountAsHighestOnBothDatabases(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserStore users = seeded(db);
            long dave = users.byUsername("dave").orElseThrow().pk();
            long bob = users.byUsername("bob").orElseThrow().pk();
            users.setLastLogin(dave, Instant.parse("2024-01-01T00:00:00Z"));
            users.setLastLogin(bob, Instant.parse("2024-02-01T00:00:00Z"));

            assertThat(list(users, null, "last_login", Map.of())).containsExactly("dave", "bob", "alice", "carol", "eve");
            assertThat(list(users, null, "-last_login", Map.of())).containsExactly("alice", "carol", "eve", "bob", "dave");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void listWhenSearchGivenThenCaseInsensitiveOverUsernameNameAndEmail(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserStore users = seeded(db);

            assertThat(list(users, "corp", null, Map.of())).containsExactly("carol", "dave", "eve");
            assertThat(list(users, "LIDDELL", null, Map.of())).containsExactly("alice");
            assertThat(list(users, "  bob ", null, Map.of())).containsExactly("bob");
            assertThat(list(users, "nobody", null, Map.of())).isEmpty();
            assertThat(list(users, "", null, Map.of())).hasSize(5);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void listWhenSearchContainsLikeWildcardsThenTheyMatchLiterally(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserStore users = seeded(db);
            users.insert("a_e", "Under Score", "u@x.example", "!x6", true, UserType.INTERNAL, "users", Map.of());

            // "_" and "%" are not wildcards: "a_e" must not match "dave" or "Alice"
            assertThat(list(users, "a_e", null, Map.of())).containsExactly("a_e");
            assertThat(list(users, "%", null, Map.of())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void listWhenFiltersGivenThenExactMatchesCombine(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserStore users = seeded(db);

            assertThat(list(users, null, null, Map.of("is_active", "false"))).containsExactly("carol", "eve");
            assertThat(list(users, null, null, Map.of("is_active", "1"))).containsExactly("alice", "bob", "dave");
            assertThat(list(users, null, null, Map.of("is_active", "TRUE"))).containsExactly("alice", "bob", "dave");
            assertThat(list(users, null, null, Map.of("type", "external"))).containsExactly("carol");
            assertThat(list(users, null, null, Map.of("username", "bob"))).containsExactly("bob");
            assertThat(list(users, null, null, Map.of("username", "BOB"))).isEmpty();
            assertThat(list(users, null, null, Map.of("email", "dave@corp.example"))).containsExactly("dave");
            assertThat(list(users, null, null, Map.of("path", "users", "is_active", "false"))).containsExactly("eve");
            long carol = users.byUsername("carol").orElseThrow().pk();
            assertThat(list(users, null, null, Map.of("pk", Long.toString(carol)))).containsExactly("carol");
            assertThat(list(users, "corp", null, Map.of("is_active", "true"))).containsExactly("dave");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void listWhenFilterValueMalformedThenFieldError(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserStore users = seeded(db);

            assertThatThrownBy(() -> users.list(req(1, 20, null, null, Map.of("is_active", "maybe"))))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("is_active"));
            assertThatThrownBy(() -> users.list(req(1, 20, null, null, Map.of("pk", "abc"))))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("pk"));
            assertThatThrownBy(() -> users.list(req(1, 20, null, null, Map.of("uuid", "not-a-uuid"))))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("uuid"));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void listWhenPagingThenPagesAreDisjointAndComplete(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserStore users = seeded(db);
            List<String> all = new ArrayList<>();

            for (int p = 1; p <= 3; p++) {
                Page<User> page = users.list(req(p, 2, null, null, Map.of()));
                assertThat(page.count()).isEqualTo(5);
                assertThat(page.totalPages()).isEqualTo(3);
                assertThat(page.page()).isEqualTo(p);
                all.addAll(names(page));
            }

            assertThat(all).containsExactly("alice", "bob", "carol", "dave", "eve");
            assertThat(names(users.list(req(3, 2, null, null, Map.of())))).containsExactly("eve");
            assertThat(names(users.list(req(2, 2, null, "-pk", Map.of())))).containsExactly("carol", "alice");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void listWhenPageOutOfRangeThenNotFound(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserStore users = seeded(db);

            assertThatThrownBy(() -> users.list(req(4, 2, null, null, Map.of()))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> users.list(req(0, 2, null, null, Map.of()))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> users.list(req(-1, 2, null, null, Map.of()))).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> users.list(req(2, 20, "nobody", null, Map.of()))).isInstanceOf(NotFoundException.class);
            Page<User> empty = users.list(req(1, 20, "nobody", null, Map.of()));
            assertThat(empty.results()).isEmpty();
            assertThat(empty.count()).isZero();
        }
    }
}
