package dev.gatehouse.core;

import static dev.gatehouse.core.Fixtures.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventLogTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static List<Event> events(Database db, Map<String, String> filters) {
        return new EventStore(db.dsl()).list(new PageRequest(1, 1000, null, null, filters)).results();
    }

    private static List<Event> all(Database db) {
        return events(db, Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> model(Event e) {
        return (Map<String, Object>) e.context().get("model");
    }

    private static void assertModelEvent(Event e, String action, String modelName, Object pk, String name,
                                         User actor, String ip) {
        assertThat(e.action()).isEqualTo(action);
        assertThat(model(e)).containsEntry("app", "authentik_core").containsEntry("model_name", modelName)
                .containsEntry("pk", pk).containsEntry("name", name);
        assertThat(e.user()).containsEntry("pk", (int) actor.pk()).containsEntry("username", actor.username())
                .containsEntry("email", actor.email());
        assertThat(e.clientIp()).isEqualTo(ip);
        assertThat(e.expires()).isAfter(e.created().plus(Duration.ofDays(364)));
    }

    /** An acting administrator (created directly in the store, so no event is logged for it). */
    private static User admin(Database db) {
        return new UserStore(db.dsl()).insert("root", "Root", "root@example.org", "!x", true, UserType.INTERNAL,
                "users", Map.of());
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void userChangesWhenMadeThenCreatedUpdatedDeletedEventsWithActorAndIp(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User root = admin(db);
            Actor actor = new Actor(root, "203.0.113.7");
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());

            User u = users.create(actor, Fixtures.user("alice"));
            users.update(actor, u.pk(), new UserChanges(null, "Alice", null, null, null, null, null, null, null));
            users.delete(new Actor(root, "2001:db8::1"), u.pk());

            List<Event> ev = all(db);
            assertThat(ev).extracting(Event::action).containsExactly("model_deleted", "model_updated", "model_created");
            assertModelEvent(ev.get(2), "model_created", "user", (int) u.pk(), "alice", root, "203.0.113.7");
            assertModelEvent(ev.get(1), "model_updated", "user", (int) u.pk(), "alice", root, "203.0.113.7");
            assertModelEvent(ev.get(0), "model_deleted", "user", (int) u.pk(), "alice", root, "2001:db8::1");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void groupTokenApplicationChangesWhenMadeThenEachWritesItsEvent(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User root = admin(db);
            Actor actor = new Actor(root, "198.51.100.1");
            GroupService groups = new GroupService(db);
            TokenService tokens = new TokenService(db);
            ApplicationService apps = new ApplicationService(db);

            Group g = groups.create(actor, Fixtures.group("staff"));
            groups.update(actor, g.pk(), new GroupChanges("staff2", null, null, null, null));
            groups.addUser(actor, g.pk(), root.pk());
            groups.removeUser(actor, g.pk(), root.pk());
            groups.delete(actor, g.pk());
            IssuedToken t = tokens.create(actor, true, new TokenChanges("tok", TokenIntent.API, null, null, null, null));
            tokens.update(actor, true, t.token(), new TokenChanges(null, null, null, "described", null, null));
            tokens.delete(actor, t.token());
            Application a = apps.create(actor, new ApplicationChanges("app", "App", null, null, null, null, null, null,
                    null, null));
            apps.update(actor, "app", new ApplicationChanges(null, "App 2", null, null, null, null, null, null, null, null));
            apps.delete(actor, "app");
            long p = new ProviderStore(db.dsl()).insert("prov", "proxy", null, null, null).pk();
            new ProviderService(db).delete(actor, p);

            List<Event> ev = all(db).reversed();
            assertThat(ev).hasSize(12);
            String gpk = g.pk().toString();
            assertModelEvent(ev.get(0), "model_created", "group", gpk, "staff", root, "198.51.100.1");
            assertModelEvent(ev.get(1), "model_updated", "group", gpk, "staff2", root, "198.51.100.1");
            assertModelEvent(ev.get(2), "model_updated", "group", gpk, "staff2", root, "198.51.100.1");
            assertModelEvent(ev.get(3), "model_updated", "group", gpk, "staff2", root, "198.51.100.1");
            assertModelEvent(ev.get(4), "model_deleted", "group", gpk, "staff2", root, "198.51.100.1");
            String tpk = t.token().pk().toString();
            assertModelEvent(ev.get(5), "model_created", "token", tpk, "tok", root, "198.51.100.1");
            assertModelEvent(ev.get(6), "model_updated", "token", tpk, "tok", root, "198.51.100.1");
            assertModelEvent(ev.get(7), "model_deleted", "token", tpk, "tok", root, "198.51.100.1");
            String apk = a.pk().toString();
            assertModelEvent(ev.get(8), "model_created", "application", apk, "App", root, "198.51.100.1");
            assertModelEvent(ev.get(9), "model_updated", "application", apk, "App 2", root, "198.51.100.1");
            assertModelEvent(ev.get(10), "model_deleted", "application", apk, "App 2", root, "198.51.100.1");
            assertModelEvent(ev.get(11), "model_deleted", "provider", (int) p, "prov", root, "198.51.100.1");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void recordWhenDefaultBrandExistsThenEventNamesIt(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            new Bootstrap(db, Fixtures.HASHER, new PrivateKeyCipher("test-secret-key"))
                    .run(Optional.empty(), Optional.empty(), Optional.empty());
            Brand brand = new BrandStore(db.dsl()).defaultBrand().orElseThrow();
            User root = admin(db);

            new UserService(db, Fixtures.HASHER, new StoredSignIns()).create(new Actor(root, "10.1.2.3"), Fixtures.user("alice"));

            Event e = events(db, Map.of("username", "root")).getFirst();
            assertThat(e.brand()).containsEntry("pk", brand.pk().toString()).containsEntry("domain", "authentik-default");
            assertThat(e.app()).isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void membershipWhenNothingChangesThenNoEvent(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User root = admin(db);
            GroupService groups = new GroupService(db);
            Group g = groups.create(Actor.SYSTEM, Fixtures.group("staff"));
            groups.addUser(Actor.SYSTEM, g.pk(), root.pk());
            long before = count(db, "events_event");

            groups.addUser(Actor.SYSTEM, g.pk(), root.pk());
            groups.removeUser(Actor.SYSTEM, g.pk(), root.pk());
            groups.removeUser(Actor.SYSTEM, g.pk(), root.pk());

            assertThat(count(db, "events_event")).isEqualTo(before + 1);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void systemActorWhenRecordedThenNoUserAndNoIp(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            new GroupService(db).create(Actor.SYSTEM, Fixtures.group("g"));

            Event e = all(db).getFirst();
            assertThat(e.user()).isEmpty();
            assertThat(e.clientIp()).isNull();
            assertThat(events(db, Map.of("username", "root"))).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void listWhenSeveralEventsThenNewestFirstAndFilterableByActionAndUsername(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            DSLContext dsl = db.dsl();
            User alice = new UserStore(dsl).insert("alice", "", "a@x", "!x", true, UserType.INTERNAL, "users", Map.of());
            User bob = new UserStore(dsl).insert("bob", "", "b@x", "!x", true, UserType.INTERNAL, "users", Map.of());
            GroupService groups = new GroupService(db);
            Group g1 = groups.create(new Actor(alice, "10.0.0.1"), Fixtures.group("g1"));
            Thread.sleep(5);
            Group g2 = groups.create(new Actor(bob, "10.0.0.2"), Fixtures.group("g2"));
            Thread.sleep(5);
            groups.update(new Actor(alice, "10.0.0.1"), g2.pk(), new GroupChanges(null, true, null, null, null));
            Thread.sleep(5);
            groups.delete(new Actor(bob, "10.0.0.2"), g1.pk());

            List<Event> ev = all(db);
            assertThat(ev).extracting(e -> model(e).get("name") + ":" + e.action())
                    .containsExactly("g1:model_deleted", "g2:model_updated", "g2:model_created", "g1:model_created");
            for (int i = 1; i < ev.size(); i++) {
                assertThat(ev.get(i - 1).created()).isAfter(ev.get(i).created());
            }
            assertThat(events(db, Map.of("action", "model_created"))).extracting(e -> model(e).get("name"))
                    .containsExactly("g2", "g1");
            assertThat(events(db, Map.of("username", "alice"))).extracting(Event::action)
                    .containsExactly("model_updated", "model_created");
            assertThat(events(db, Map.of("username", "bob", "action", "model_deleted"))).extracting(e -> model(e).get("name"))
                    .containsExactly("g1");
            assertThat(events(db, Map.of("action", "login"))).isEmpty();
            assertThat(events(db, Map.of("client_ip", "10.0.0.2"))).hasSize(2);
            Page<Event> oldestFirst = new EventStore(dsl).list(new PageRequest(1, 2, null, "created", Map.of()));
            assertThat(oldestFirst.results()).extracting(Event::action).containsExactly("model_created", "model_created");
            assertThat(oldestFirst.count()).isEqualTo(4);
            assertThat(new EventStore(dsl).byPk(ev.getFirst().pk())).contains(ev.getFirst());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenGroupDoesNotExistThenNoUserRowAndNoEvent(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User root = admin(db);
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            UUID real = new GroupService(db).create(Actor.SYSTEM, Fixtures.group("real")).pk();
            long eventsBefore = count(db, "events_event");

            assertThatThrownBy(() -> users.create(new Actor(root, "10.0.0.1"),
                    Fixtures.userInGroups("alice", List.of(real, UUID.randomUUID()))))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("groups"));

            assertThat(users.byUsername("alice")).isEmpty();
            assertThat(count(db, "core_user")).isEqualTo(1);
            assertThat(count(db, "core_user_group")).isZero();
            assertThat(count(db, "events_event")).isEqualTo(eventsBefore);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenEventInsertFailsAfterUserInsertThenWholeWriteRolledBack(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User root = admin(db);
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            UUID g = new GroupService(db).create(Actor.SYSTEM, Fixtures.group("g")).pk();
            long eventsBefore = count(db, "events_event");
            // events_event.client_ip is VARCHAR(64): the user row and membership are written, then the event fails
            Actor tooLongIp = new Actor(root, "1".repeat(65));

            assertThatThrownBy(() -> users.create(tooLongIp, Fixtures.userInGroups("alice", List.of(g))))
                    .isInstanceOf(DataAccessException.class);

            assertThat(users.byUsername("alice")).isEmpty();
            assertThat(count(db, "core_user")).isEqualTo(1);
            assertThat(count(db, "core_user_group")).isZero();
            assertThat(count(db, "events_event")).isEqualTo(eventsBefore);
            // the pool is still usable and the username still free
            assertThat(users.create(new Actor(root, "10.0.0.1"), Fixtures.user("alice")).username()).isEqualTo("alice");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void updateWhenEventInsertFailsThenUserAndGroupsUnchanged(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User root = admin(db);
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            UUID g = new GroupService(db).create(Actor.SYSTEM, Fixtures.group("g")).pk();
            User alice = users.create(Actor.SYSTEM, Fixtures.userInGroups("alice", List.of(g)));
            long eventsBefore = count(db, "events_event");

            assertThatThrownBy(() -> users.update(new Actor(root, "x".repeat(100)), alice.pk(),
                    new UserChanges("alice2", "Alice", null, false, null, null, Map.of("k", 1), List.of(),
                            Fixtures.HASHER.hash("pw"))))
                    .isInstanceOf(DataAccessException.class);

            User stored = users.byPk(alice.pk()).orElseThrow();
            assertThat(stored.username()).isEqualTo("alice");
            assertThat(stored.name()).isEmpty();
            assertThat(stored.isActive()).isTrue();
            assertThat(stored.attributes()).isEmpty();
            assertThat(stored.passwordHash()).isEqualTo(alice.passwordHash());
            assertThat(users.directGroups(alice.pk())).containsExactly(g);
            assertThat(count(db, "events_event")).isEqualTo(eventsBefore);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void tokenCreateWhenEventInsertFailsThenNoTokenAndKeyUnusable(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User root = admin(db);
            TokenService tokens = new TokenService(db);

            assertThatThrownBy(() -> tokens.create(new Actor(root, "y".repeat(65)), true,
                    new TokenChanges("tok", TokenIntent.API, null, null, Optional.empty(), null)))
                    .isInstanceOf(DataAccessException.class);

            assertThat(count(db, "core_token")).isZero();
            assertThat(count(db, "events_event")).isZero();
            assertThat(tokens.byIdentifier("tok")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deleteExpiredWhenEventsPastRetentionThenOnlyThoseGo(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            DSLContext dsl = db.dsl();
            new GroupService(db).create(Actor.SYSTEM, Fixtures.group("g"));
            Instant old = Instant.now().minus(Duration.ofDays(400));
            new EventStore(dsl).insert(new Event(UUID.randomUUID(), "login", Map.of(), "x", Map.of(), null, Map.of(), old,
                    old.plus(EventLog.RETENTION)));

            assertThat(new EventStore(dsl).deleteExpired(Instant.now())).isEqualTo(1);
            assertThat(all(db)).extracting(Event::action).containsExactly("model_created");
        }
    }
}
