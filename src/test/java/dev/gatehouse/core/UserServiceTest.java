package dev.gatehouse.core;

import static dev.gatehouse.core.Fixtures.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UserServiceTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenOnlyUsernameGivenThenDefaultsApply(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            Instant before = Instant.now().minusSeconds(1);

            User u = users.create(Actor.SYSTEM, Fixtures.user("alice"));

            User stored = users.byPk(u.pk()).orElseThrow();
            assertThat(stored.username()).isEqualTo("alice");
            assertThat(stored.type()).isEqualTo(UserType.INTERNAL);
            assertThat(stored.path()).isEqualTo("users");
            assertThat(stored.isActive()).isTrue();
            assertThat(stored.name()).isEmpty();
            assertThat(stored.email()).isEmpty();
            assertThat(stored.attributes()).isEmpty();
            assertThat(stored.lastLogin()).isNull();
            assertThat(stored.uuid()).isNotNull();
            assertThat(stored.dateJoined()).isAfter(before);
            assertThat(stored.hasUsablePassword()).isFalse();
            assertThat(stored.passwordHash()).startsWith("!");
            assertThat(users.directGroups(u.pk())).isEmpty();
            assertThat(users.checkPassword(stored, "")).isFalse();
            assertThat(users.checkPassword(stored, stored.passwordHash().substring(1))).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenAllFieldsGivenThenTheyAreStored(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            UUID g = new GroupService(db).create(Actor.SYSTEM, Fixtures.group("staff")).pk();

            User u = users.create(Actor.SYSTEM, new UserChanges("svc", "Service", "svc@example.org", false,
                    UserType.SERVICE_ACCOUNT, "goauthentik.io/service-accounts", Map.of("k", "v"), List.of(g), null));

            User stored = users.byPk(u.pk()).orElseThrow();
            assertThat(stored.name()).isEqualTo("Service");
            assertThat(stored.email()).isEqualTo("svc@example.org");
            assertThat(stored.isActive()).isFalse();
            assertThat(stored.type()).isEqualTo(UserType.SERVICE_ACCOUNT);
            assertThat(stored.path()).isEqualTo("goauthentik.io/service-accounts");
            assertThat(stored.attributes()).containsExactlyEntriesOf(Map.of("k", "v"));
            assertThat(users.directGroups(u.pk())).containsExactly(g);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenUsernameTakenThenFieldErrorAndNothingWritten(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            users.create(Actor.SYSTEM, Fixtures.user("alice"));
            long usersBefore = count(db, "core_user");
            long eventsBefore = count(db, "events_event");

            assertThatThrownBy(() -> users.create(Actor.SYSTEM,
                    new UserChanges("alice", "Other Alice", "other@example.org", null, null, null, null, null, null)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("username"));

            assertThat(count(db, "core_user")).isEqualTo(usersBefore);
            assertThat(count(db, "events_event")).isEqualTo(eventsBefore);
            assertThat(users.byUsername("alice").orElseThrow().name()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenUsernameMissingOrBlankThenFieldError(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());

            assertThatThrownBy(() -> users.create(Actor.SYSTEM, Fixtures.user(null)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("username"));
            assertThatThrownBy(() -> users.create(Actor.SYSTEM, Fixtures.user("  ")))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("username"));
            assertThat(count(db, "core_user")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenPathHasSlashesOrEmailInvalidThenFieldErrors(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());

            assertThatThrownBy(() -> users.create(Actor.SYSTEM,
                    new UserChanges("bob", null, "not-an-email", null, null, "/users/", null, null, null)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("email", "path"));
            assertThat(count(db, "core_user")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void updateWhenFieldsAreNullThenTheyStayUnchanged(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            UUID g = new GroupService(db).create(Actor.SYSTEM, Fixtures.group("staff")).pk();
            User u = users.create(Actor.SYSTEM, new UserChanges("alice", "Alice", "alice@example.org", true,
                    UserType.INTERNAL, "users/staff", Map.of("a", 1), List.of(g), null));
            String hash = u.passwordHash();

            User changed = users.update(Actor.SYSTEM, u.pk(),
                    new UserChanges(null, "Alice Liddell", null, null, null, null, null, null, null));

            assertThat(changed.name()).isEqualTo("Alice Liddell");
            User stored = users.byPk(u.pk()).orElseThrow();
            assertThat(stored.name()).isEqualTo("Alice Liddell");
            assertThat(stored.username()).isEqualTo("alice");
            assertThat(stored.email()).isEqualTo("alice@example.org");
            assertThat(stored.isActive()).isTrue();
            assertThat(stored.path()).isEqualTo("users/staff");
            assertThat(stored.attributes()).containsExactlyEntriesOf(Map.of("a", 1));
            assertThat(stored.passwordHash()).isEqualTo(hash);
            assertThat(stored.passwordChangeDate()).isEqualTo(u.passwordChangeDate());
            assertThat(users.directGroups(u.pk())).containsExactly(g);

            users.update(Actor.SYSTEM, u.pk(),
                    new UserChanges("alice2", null, "", false, UserType.EXTERNAL, null, Map.of(), List.of(), null));
            stored = users.byPk(u.pk()).orElseThrow();
            assertThat(stored.username()).isEqualTo("alice2");
            assertThat(stored.name()).isEqualTo("Alice Liddell");
            assertThat(stored.email()).isEmpty();
            assertThat(stored.isActive()).isFalse();
            assertThat(stored.type()).isEqualTo(UserType.EXTERNAL);
            assertThat(stored.attributes()).isEmpty();
            assertThat(users.directGroups(u.pk())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void updateWhenUsernameTakenByAnotherThenFieldErrorAndNothingChanged(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            users.create(Actor.SYSTEM, Fixtures.user("alice"));
            User bob = users.create(Actor.SYSTEM, Fixtures.user("bob"));
            long eventsBefore = count(db, "events_event");

            assertThatThrownBy(() -> users.update(Actor.SYSTEM, bob.pk(),
                    new UserChanges("alice", "Bob", null, null, null, null, null, null, null)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("username"));

            User stored = users.byPk(bob.pk()).orElseThrow();
            assertThat(stored.username()).isEqualTo("bob");
            assertThat(stored.name()).isEmpty();
            assertThat(count(db, "events_event")).isEqualTo(eventsBefore);
            // keeping one's own username is not a conflict
            assertThat(users.update(Actor.SYSTEM, bob.pk(),
                    new UserChanges("bob", "Bob", null, null, null, null, null, null, null)).name()).isEqualTo("Bob");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void updateWhenUserMissingThenNotFound(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());

            assertThatThrownBy(() -> users.update(Actor.SYSTEM, 4242, Fixtures.user("x")))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> users.delete(Actor.SYSTEM, 4242)).isInstanceOf(NotFoundException.class);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deleteWhenUserHasGroupsAndTokensThenAllOfThemGo(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            GroupService groups = new GroupService(db);
            UUID g = groups.create(Actor.SYSTEM, Fixtures.group("staff")).pk();
            User alice = users.create(Actor.SYSTEM, Fixtures.userInGroups("alice", List.of(g)));
            User bob = users.create(Actor.SYSTEM, Fixtures.userInGroups("bob", List.of(g)));
            new TokenService(db).create(new Actor(alice, null), false,
                    new TokenChanges("alice-token", TokenIntent.API, null, null, null, null));

            users.delete(Actor.SYSTEM, alice.pk());

            assertThat(users.byPk(alice.pk())).isEmpty();
            assertThat(users.byUsername("alice")).isEmpty();
            assertThat(users.byPk(bob.pk())).isPresent();
            assertThat(new GroupStore(db.dsl()).members(g)).containsExactly(bob.pk());
            assertThat(count(db, "core_token")).isZero();
            assertThat(groups.create(Actor.SYSTEM, Fixtures.group("other")).name()).isEqualTo("other");
            // the username is free again
            assertThat(users.create(Actor.SYSTEM, Fixtures.user("alice")).pk()).isNotEqualTo(alice.pk());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void setLastLoginWhenSetThenReadBackAndUpdateKeepsIt(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            User u = users.create(Actor.SYSTEM, Fixtures.user("alice"));
            Instant when = Instant.parse("2024-05-06T07:08:09.123456Z");

            new UserStore(db.dsl()).setLastLogin(u.pk(), when);

            assertThat(users.byPk(u.pk()).orElseThrow().lastLogin()).isEqualTo(when);
            users.update(Actor.SYSTEM, u.pk(), new UserChanges(null, "A", null, null, null, null, null, null, null));
            assertThat(users.byPk(u.pk()).orElseThrow().lastLogin()).isEqualTo(when);
            Instant later = Instant.now().truncatedTo(ChronoUnit.MICROS);
            new UserStore(db.dsl()).setLastLogin(u.pk(), later);
            assertThat(users.byPk(u.pk()).orElseThrow().lastLogin()).isEqualTo(later);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void attributesWhenNestedJsonThenRoundTripExactly(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            Map<String, Object> inner = new LinkedHashMap<>();
            inner.put("quota", 5_000_000_000L);
            inner.put("ratio", 0.25);
            inner.put("none", null);
            inner.put("flags", List.of(true, false));
            Map<String, Object> attributes = new LinkedHashMap<>();
            attributes.put("settings", Map.of("locale", "de-DE", "theme", Map.of("dark", true)));
            attributes.put("goauthentik.io/user/sources", List.of("ldap", Map.of("id", 7)));
            attributes.put("nested", inner);
            attributes.put("unicode", "Grüße, 世界 \"quoted\" \\ back");
            attributes.put("count", 3);

            User u = users.create(Actor.SYSTEM, Fixtures.userWithAttributes("alice", attributes));

            User stored = users.byPk(u.pk()).orElseThrow();
            assertThat(stored.attributes()).isEqualTo(attributes);
            assertThat(stored.attributes()).containsOnlyKeys(attributes.keySet());
            @SuppressWarnings("unchecked")
            Map<String, Object> nested = (Map<String, Object>) stored.attributes().get("nested");
            assertThat(nested).containsEntry("quota", 5_000_000_000L).containsEntry("none", null);
            assertThat(nested.get("ratio")).isEqualTo(0.25);
            assertThat(new ArrayList<>(nested.keySet())).containsExactly("quota", "ratio", "none", "flags");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void isSuperuserWhenNoSuperuserGroupThenFalse(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            UUID plain = new GroupService(db).create(Actor.SYSTEM, Fixtures.group("plain")).pk();
            User u = users.create(Actor.SYSTEM, Fixtures.userInGroups("alice", List.of(plain)));

            assertThat(users.isSuperuser(u)).isFalse();
        }
    }
}
