package dev.gatehouse.core;

import static dev.gatehouse.core.Fixtures.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GroupServiceTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static Group create(GroupService groups, String name, UUID... parents) {
        return groups.create(Actor.SYSTEM, new GroupChanges(name, null, List.of(parents), null, null));
    }

    private static void assertCycleRefused(Database db, GroupService groups, UUID target, UUID... parents) {
        Map<UUID, List<UUID>> edgesBefore = edges(db);
        long eventsBefore = count(db, "events_event");
        String nameBefore = groups(db).byPk(target).orElseThrow().name();

        assertThatThrownBy(() -> groups.update(Actor.SYSTEM, target,
                new GroupChanges("renamed", true, List.of(parents), Map.of("x", 1), null)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).containsOnlyKeys("parents"));

        assertThat(edges(db)).isEqualTo(edgesBefore);
        assertThat(count(db, "events_event")).isEqualTo(eventsBefore);
        Group after = groups(db).byPk(target).orElseThrow();
        assertThat(after.name()).isEqualTo(nameBefore);
        assertThat(after.isSuperuser()).isFalse();
        assertThat(after.attributes()).isEmpty();
    }

    private static dev.gatehouse.core.GroupStore groups(Database db) {
        return new GroupStore(db.dsl());
    }

    private static Map<UUID, List<UUID>> edges(Database db) {
        return db.dsl().fetch("SELECT group_uuid, parent_uuid FROM core_group_parent ORDER BY group_uuid, parent_uuid")
                .stream().collect(java.util.stream.Collectors.groupingBy(r -> r.get(0, UUID.class),
                        LinkedHashMap::new,
                        java.util.stream.Collectors.mapping(r -> r.get(1, UUID.class),
                                java.util.stream.Collectors.toList())));
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenSeveralParentsThenAllAreKept(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            GroupService groups = new GroupService(db);
            Group a = create(groups, "a");
            Group b = create(groups, "b");

            Group c = create(groups, "c", a.pk(), b.pk());

            assertThat(c.parents()).containsExactlyInAnyOrder(a.pk(), b.pk());
            assertThat(groups(db).byPk(c.pk()).orElseThrow().parents()).containsExactlyInAnyOrder(a.pk(), b.pk());
            assertThat(groups(db).selfAndAncestors(c.pk())).containsExactlyInAnyOrder(a.pk(), b.pk(), c.pk());

            Group changed = groups.update(Actor.SYSTEM, c.pk(), Fixtures.parents(b.pk()));
            assertThat(changed.parents()).containsExactly(b.pk());
            Group cleared = groups.update(Actor.SYSTEM, c.pk(), Fixtures.parents());
            assertThat(cleared.parents()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenNameTakenOrParentMissingThenFieldErrors(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            GroupService groups = new GroupService(db);
            create(groups, "a");

            assertThatThrownBy(() -> create(groups, "a"))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("name"));
            assertThatThrownBy(() -> create(groups, "b", UUID.randomUUID()))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("parents"));
            assertThatThrownBy(() -> groups.create(Actor.SYSTEM, new GroupChanges("c", null, null, null, List.of(999L))))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("users"));
            assertThat(count(db, "core_group")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void updateWhenTwoGroupsWouldBeEachOthersParentThenRefused(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            GroupService groups = new GroupService(db);
            Group a = create(groups, "a");
            Group b = create(groups, "b", a.pk());

            assertCycleRefused(db, groups, a.pk(), b.pk());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void updateWhenGroupWouldBeItsOwnParentThenRefused(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            GroupService groups = new GroupService(db);
            Group other = create(groups, "other");
            Group a = create(groups, "a", other.pk());

            assertCycleRefused(db, groups, a.pk(), a.pk());
            assertCycleRefused(db, groups, a.pk(), other.pk(), a.pk());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void updateWhenLongerChainWouldCloseIntoCycleThenRefused(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            GroupService groups = new GroupService(db);
            Group a = create(groups, "a");
            Group b = create(groups, "b", a.pk());
            Group c = create(groups, "c", b.pk());
            Group d = create(groups, "d", c.pk());
            Group unrelated = create(groups, "unrelated");

            assertCycleRefused(db, groups, a.pk(), c.pk());
            assertCycleRefused(db, groups, a.pk(), d.pk());
            assertCycleRefused(db, groups, b.pk(), unrelated.pk(), d.pk());

            // a diamond is not a cycle: d gets a second path to a
            Group ok = groups.update(Actor.SYSTEM, d.pk(), Fixtures.parents(c.pk(), a.pk()));
            assertThat(ok.parents()).containsExactlyInAnyOrder(c.pk(), a.pk());
            Group ok2 = groups.update(Actor.SYSTEM, a.pk(), Fixtures.parents(unrelated.pk()));
            assertThat(ok2.parents()).containsExactly(unrelated.pk());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void isSuperuserWhenSuperuserGroupIsAnAncestorThenTrue(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            GroupService groups = new GroupService(db);
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            Group admins = groups.create(Actor.SYSTEM, new GroupChanges("admins", true, null, null, null));
            Group middle = create(groups, "middle", admins.pk());
            Group leaf = create(groups, "leaf", middle.pk());
            Group other = create(groups, "other");
            User viaParents = users.create(Actor.SYSTEM, Fixtures.userInGroups("alice", List.of(leaf.pk())));
            User direct = users.create(Actor.SYSTEM, Fixtures.userInGroups("root", List.of(admins.pk())));
            User plain = users.create(Actor.SYSTEM, Fixtures.userInGroups("bob", List.of(other.pk())));

            assertThat(users.isSuperuser(viaParents)).isTrue();
            assertThat(users.isSuperuser(direct)).isTrue();
            assertThat(users.isSuperuser(plain)).isFalse();

            groups.update(Actor.SYSTEM, leaf.pk(), Fixtures.parents(other.pk()));
            assertThat(users.isSuperuser(viaParents)).isFalse();
            groups.update(Actor.SYSTEM, other.pk(), new GroupChanges(null, true, null, null, null));
            assertThat(users.isSuperuser(viaParents)).isTrue();
            assertThat(users.isSuperuser(plain)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void groupAttributesWhenHierarchyThenAncestorsFirstNearerOverrideUserOnTop(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            GroupService groups = new GroupService(db);
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            Group top = groups.create(Actor.SYSTEM, new GroupChanges("top", false, null, Map.of(
                    "level", "top", "onlyTop", 1, "shared", "top",
                    "settings", Map.of("theme", "light", "locale", "en", "deep", Map.of("a", 1, "b", 1)),
                    "tags", List.of("t")), null));
            Group mid = groups.create(Actor.SYSTEM, new GroupChanges("mid", false, List.of(top.pk()), Map.of(
                    "level", "mid", "shared", "mid",
                    "settings", Map.of("theme", "dark", "deep", Map.of("b", 2)),
                    "tags", List.of("m")), null));
            Group leaf = groups.create(Actor.SYSTEM, new GroupChanges("leaf", false, List.of(mid.pk()), Map.of(
                    "level", "leaf", "tags", List.of("l")), null));
            User u = users.create(Actor.SYSTEM, new UserChanges("alice", null, null, null, null, null,
                    Map.of("shared", "user", "settings", Map.of("locale", "de"), "tags", List.of("u")),
                    List.of(leaf.pk()), null));

            Map<String, Object> merged = users.groupAttributes(u);

            assertThat(merged).containsEntry("level", "leaf")
                    .containsEntry("onlyTop", 1)
                    .containsEntry("shared", "user")
                    .containsEntry("tags", List.of("t", "m", "l", "u"))
                    .containsEntry("settings", Map.of("theme", "dark", "locale", "de",
                            "deep", Map.of("a", 1, "b", 2)));
            assertThat(merged).containsOnlyKeys("level", "onlyTop", "shared", "tags", "settings");
            // the stored documents are not modified by merging
            assertThat(groups(db).byPk(top.pk()).orElseThrow().attributes().get("tags")).isEqualTo(List.of("t"));
            assertThat(users.byPk(u.pk()).orElseThrow().attributes().get("tags")).isEqualTo(List.of("u"));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void groupAttributesWhenNoGroupsThenOnlyUsersOwn(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            User u = users.create(Actor.SYSTEM, Fixtures.userWithAttributes("alice", Map.of("k", List.of(1))));

            assertThat(users.groupAttributes(u)).isEqualTo(Map.of("k", List.of(1)));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void addUserWhenCalledThenMemberAndRemoveUserTakesItAway(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            GroupService groups = new GroupService(db);
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            Group admins = groups.create(Actor.SYSTEM, new GroupChanges("admins", true, null, null, null));
            User u = users.create(Actor.SYSTEM, Fixtures.user("alice"));

            groups.addUser(Actor.SYSTEM, admins.pk(), u.pk());
            groups.addUser(Actor.SYSTEM, admins.pk(), u.pk());

            assertThat(groups(db).members(admins.pk())).containsExactly(u.pk());
            assertThat(users.directGroups(u.pk())).containsExactly(admins.pk());
            assertThat(users.isSuperuser(u)).isTrue();

            groups.removeUser(Actor.SYSTEM, admins.pk(), u.pk());

            assertThat(groups(db).members(admins.pk())).isEmpty();
            assertThat(users.directGroups(u.pk())).isEmpty();
            assertThat(users.isSuperuser(u)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void addUserWhenUserOrGroupMissingThenRefused(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            GroupService groups = new GroupService(db);
            Group g = create(groups, "g");
            User u = new UserService(db, Fixtures.HASHER, new StoredSignIns()).create(Actor.SYSTEM, Fixtures.user("alice"));

            assertThatThrownBy(() -> groups.addUser(Actor.SYSTEM, g.pk(), 9999))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("pk"));
            assertThatThrownBy(() -> groups.addUser(Actor.SYSTEM, UUID.randomUUID(), u.pk()))
                    .isInstanceOf(NotFoundException.class);
            assertThat(count(db, "core_user_group")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void updateWhenUsersGivenThenMembershipReplaced(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            GroupService groups = new GroupService(db);
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            User a = users.create(Actor.SYSTEM, Fixtures.user("a"));
            User b = users.create(Actor.SYSTEM, Fixtures.user("b"));
            Group g = groups.create(Actor.SYSTEM, new GroupChanges("g", null, null, null, List.of(a.pk())));

            groups.update(Actor.SYSTEM, g.pk(), new GroupChanges(null, null, null, null, List.of(b.pk())));

            assertThat(groups(db).members(g.pk())).containsExactly(b.pk());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deleteWhenGroupIsParentThenChildLosesTheEdgeAndMembersStay(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            GroupService groups = new GroupService(db);
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            Group parent = groups.create(Actor.SYSTEM, new GroupChanges("parent", true, null, null, null));
            Group child = create(groups, "child", parent.pk());
            User u = users.create(Actor.SYSTEM, Fixtures.userInGroups("alice", List.of(child.pk())));
            assertThat(users.isSuperuser(u)).isTrue();

            groups.delete(Actor.SYSTEM, parent.pk());

            assertThat(groups(db).byPk(parent.pk())).isEmpty();
            assertThat(groups(db).byPk(child.pk()).orElseThrow().parents()).isEmpty();
            assertThat(users.directGroups(u.pk())).containsExactly(child.pk());
            assertThat(users.isSuperuser(u)).isFalse();
            assertThatThrownBy(() -> groups.delete(Actor.SYSTEM, parent.pk())).isInstanceOf(NotFoundException.class);
        }
    }
}
