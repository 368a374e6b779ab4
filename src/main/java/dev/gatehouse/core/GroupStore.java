package dev.gatehouse.core;

import static dev.gatehouse.core.CoreTables.Groups.*;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.Json;
import dev.gatehouse.core.CoreTables.GroupParents;
import dev.gatehouse.core.CoreTables.Memberships;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code core_group}, its parent edges and user memberships. */
public final class GroupStore {
    public static final Listing<Record> LISTING = Listing.of(T, ALL, UUID_, r -> r)
            .filter("pk", UUID_).filter("name", NAME).filter("is_superuser", IS_SUPERUSER)
            .search(NAME)
            .order("name", NAME).order("is_superuser", IS_SUPERUSER)
            .defaultOrder(NAME.asc())
            .build();

    /** Bound on group nesting depth, a guard for the recursive queries. */
    private static final int MAX_DEPTH = 64;

    private final DSLContext dsl;

    public GroupStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Group insert(String name, boolean superuser, Map<String, Object> attributes) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(T).set(UUID_, id).set(NAME, name).set(IS_SUPERUSER, superuser)
                .set(ATTRIBUTES, Json.write(attributes)).set(CREATED, Instant.now()).execute();
        return byPk(id).orElseThrow();
    }

    /**
     * Writes name, superuser flag and attributes. This, {@link #delete} and {@link #setParents} publish
     * ({@value ChangeFeed#GROUP}, uuid); membership changes publish ({@value ChangeFeed#USER}, pk) per user.
     */
    public void update(Group g) {
        dsl.update(T).set(NAME, g.name()).set(IS_SUPERUSER, g.isSuperuser())
                .set(ATTRIBUTES, Json.write(g.attributes())).where(UUID_.eq(g.pk())).execute();
        groupChanged(g.pk());
    }

    public boolean delete(UUID pk) {
        boolean deleted = dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
        groupChanged(pk);
        return deleted;
    }

    private void groupChanged(UUID group) {
        ChangeFeed.of(dsl).publish(ChangeFeed.GROUP, group.toString());
    }

    private void membershipChanged(long userPk) {
        ChangeFeed.of(dsl).publish(ChangeFeed.USER, Long.toString(userPk));
    }

    public Optional<Group> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional().map(this::withParents);
    }

    public Optional<Group> byName(String name) {
        return dsl.select(ALL).from(T).where(NAME.eq(name)).fetchOptional().map(this::withParents);
    }

    public boolean nameTaken(String name, UUID exceptPk) {
        return dsl.fetchExists(T, NAME.eq(name).and(exceptPk == null ? org.jooq.impl.DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    public Page<Group> list(PageRequest req) {
        Page<Record> page = LISTING.fetch(dsl, req, null);
        Map<UUID, List<UUID>> parents = parentsOf(page.results().stream().map(r -> r.get(UUID_)).toList());
        return page.map(r -> map(r, parents.getOrDefault(r.get(UUID_), List.of())));
    }

    private Group withParents(Record r) {
        return map(r, parentsOf(List.of(r.get(UUID_))).getOrDefault(r.get(UUID_), List.of()));
    }

    private static Group map(Record r, List<UUID> parents) {
        return new Group(r.get(UUID_), r.get(NAME), r.get(IS_SUPERUSER), parents, Json.map(r.get(ATTRIBUTES)), r.get(CREATED));
    }

    public Map<UUID, List<UUID>> parentsOf(Collection<UUID> groups) {
        Map<UUID, List<UUID>> out = new LinkedHashMap<>();
        if (groups.isEmpty()) {
            return out;
        }
        dsl.select(GroupParents.GROUP, GroupParents.PARENT).from(GroupParents.T)
                .where(GroupParents.GROUP.in(groups)).orderBy(GroupParents.PARENT)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return out;
    }

    public void setParents(UUID group, Collection<UUID> parents) {
        dsl.deleteFrom(GroupParents.T).where(GroupParents.GROUP.eq(group)).execute();
        for (UUID p : parents) {
            dsl.insertInto(GroupParents.T).set(GroupParents.GROUP, group).set(GroupParents.PARENT, p).execute();
        }
        groupChanged(group);
    }

    /** The group itself and every group above it. */
    public Set<UUID> selfAndAncestors(UUID group) {
        return dsl.fetch("""
                WITH RECURSIVE up(id, depth) AS (
                  SELECT CAST(? AS UUID), 0
                  UNION ALL
                  SELECT p.parent_uuid, up.depth + 1 FROM core_group_parent p JOIN up ON p.group_uuid = up.id
                  WHERE up.depth < ?)
                SELECT DISTINCT id FROM up""", group, MAX_DEPTH)
                .stream().map(r -> r.get(0, UUID.class)).collect(Collectors.toSet());
    }

    /**
     * Every group the user belongs to, directly or through parents, farthest ancestors first
     * (ties by name): the order in which {@code group_attributes()} merges them.
     */
    public List<Group> allGroupsOfUser(long userPk) {
        List<UUID> ids = dsl.fetch("""
                WITH RECURSIVE up(id, depth) AS (
                  SELECT group_uuid, 0 FROM core_user_group WHERE user_id = ?
                  UNION ALL
                  SELECT p.parent_uuid, up.depth + 1 FROM core_group_parent p JOIN up ON p.group_uuid = up.id
                  WHERE up.depth < ?)
                SELECT up.id, MAX(up.depth) AS d, MIN(g.name) AS n FROM up JOIN core_group g ON g.uuid = up.id
                GROUP BY up.id ORDER BY d DESC, n ASC""", userPk, MAX_DEPTH)
                .stream().map(r -> r.get(0, UUID.class)).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Group> byId = new LinkedHashMap<>();
        Map<UUID, List<UUID>> parents = parentsOf(ids);
        dsl.select(ALL).from(T).where(UUID_.in(ids)).forEach(r -> byId.put(r.get(UUID_), map(r, parents.getOrDefault(r.get(UUID_), List.of()))));
        return ids.stream().map(byId::get).toList();
    }

    /** Superuser = member, directly or via parents, of a group with is_superuser. */
    public boolean isSuperuser(long userPk) {
        Object count = dsl.fetchValue("""
                WITH RECURSIVE up(id, depth) AS (
                  SELECT group_uuid, 0 FROM core_user_group WHERE user_id = ?
                  UNION ALL
                  SELECT p.parent_uuid, up.depth + 1 FROM core_group_parent p JOIN up ON p.group_uuid = up.id
                  WHERE up.depth < ?)
                SELECT COUNT(*) FROM core_group g WHERE g.is_superuser AND g.uuid IN (SELECT id FROM up)""",
                userPk, MAX_DEPTH);
        return ((Number) count).longValue() > 0;
    }

    public List<UUID> directGroupsOfUser(long userPk) {
        return dsl.select(Memberships.GROUP).from(Memberships.T).where(Memberships.USER.eq(userPk))
                .fetch(Memberships.GROUP);
    }

    public Map<Long, List<UUID>> directGroupsOfUsers(Collection<Long> userPks) {
        Map<Long, List<UUID>> out = new LinkedHashMap<>();
        if (userPks.isEmpty()) {
            return out;
        }
        dsl.select(Memberships.USER, Memberships.GROUP).from(Memberships.T).where(Memberships.USER.in(userPks))
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return out;
    }

    /** Every group with its parents, by name. */
    public List<Group> all() {
        Map<UUID, List<UUID>> parents = new LinkedHashMap<>();
        dsl.select(GroupParents.GROUP, GroupParents.PARENT).from(GroupParents.T).orderBy(GroupParents.PARENT)
                .forEach(r -> parents.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return dsl.select(ALL).from(T).orderBy(NAME).fetch(r -> map(r, parents.getOrDefault(r.get(UUID_), List.of())));
    }

    /** Every direct membership as user pk → group pks. */
    public Map<Long, List<UUID>> allMemberships() {
        Map<Long, List<UUID>> out = new LinkedHashMap<>();
        dsl.select(Memberships.USER, Memberships.GROUP).from(Memberships.T).orderBy(Memberships.USER)
                .forEach(r -> out.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
        return out;
    }

    public List<Group> byPks(Collection<UUID> pks) {
        if (pks.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<UUID>> parents = parentsOf(pks);
        return dsl.select(ALL).from(T).where(UUID_.in(pks)).orderBy(NAME)
                .fetch(r -> map(r, parents.getOrDefault(r.get(UUID_), List.of())));
    }

    public List<Long> members(UUID group) {
        return dsl.select(Memberships.USER).from(Memberships.T).where(Memberships.GROUP.eq(group))
                .orderBy(Memberships.USER).fetch(Memberships.USER);
    }

    public boolean addMember(UUID group, long userPk) {
        if (dsl.fetchExists(Memberships.T, Memberships.GROUP.eq(group).and(Memberships.USER.eq(userPk)))) {
            return false;
        }
        dsl.insertInto(Memberships.T).set(Memberships.GROUP, group).set(Memberships.USER, userPk).execute();
        membershipChanged(userPk);
        return true;
    }

    public boolean removeMember(UUID group, long userPk) {
        boolean removed = dsl.deleteFrom(Memberships.T).where(Memberships.GROUP.eq(group))
                .and(Memberships.USER.eq(userPk)).execute() > 0;
        if (removed) {
            membershipChanged(userPk);
        }
        return removed;
    }

    public void setUserGroups(long userPk, Collection<UUID> groups) {
        dsl.deleteFrom(Memberships.T).where(Memberships.USER.eq(userPk)).execute();
        for (UUID g : groups) {
            dsl.insertInto(Memberships.T).set(Memberships.GROUP, g).set(Memberships.USER, userPk).execute();
        }
        membershipChanged(userPk);
    }

    public Set<UUID> existing(Collection<UUID> pks) {
        if (pks.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(dsl.select(UUID_).from(T).where(UUID_.in(pks)).fetch(UUID_));
    }
}
