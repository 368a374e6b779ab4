package dev.gatehouse.core;

import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.store.Database;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/** Groups: create, change (parents without cycles), delete, membership. */
public final class GroupService {
    private final Database db;

    public GroupService(Database db) {
        this.db = db;
    }

    public Group create(Actor actor, GroupChanges c) {
        return db.tx(dsl -> {
            Validation v = validate(dsl, c, null);
            v.check(c.name() != null, "name", "This field is required.");
            v.throwIfInvalid();
            Group g = new GroupStore(dsl).insert(c.name(), Boolean.TRUE.equals(c.isSuperuser()),
                    c.attributes() == null ? Map.of() : c.attributes());
            if (c.parents() != null) {
                new GroupStore(dsl).setParents(g.pk(), new LinkedHashSet<>(c.parents()));
            }
            if (c.users() != null) {
                for (Long u : new LinkedHashSet<>(c.users())) {
                    new GroupStore(dsl).addMember(g.pk(), u);
                }
            }
            EventLog.modelCreated(dsl, actor, "group", g.pk(), g.name());
            return new GroupStore(dsl).byPk(g.pk()).orElseThrow();
        });
    }

    public Group update(Actor actor, UUID pk, GroupChanges c) {
        return db.tx(dsl -> {
            Group old = new GroupStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            validate(dsl, c, pk).throwIfInvalid();
            Group g = new Group(pk, UserService.pick(c.name(), old.name()),
                    UserService.pick(c.isSuperuser(), old.isSuperuser()), old.parents(),
                    UserService.pick(c.attributes(), old.attributes()), old.created());
            new GroupStore(dsl).update(g);
            if (c.parents() != null) {
                new GroupStore(dsl).setParents(pk, new LinkedHashSet<>(c.parents()));
            }
            if (c.users() != null) {
                for (Long u : new GroupStore(dsl).members(pk)) {
                    new GroupStore(dsl).removeMember(pk, u);
                }
                for (Long u : new LinkedHashSet<>(c.users())) {
                    new GroupStore(dsl).addMember(pk, u);
                }
            }
            EventLog.modelUpdated(dsl, actor, "group", pk, g.name());
            return new GroupStore(dsl).byPk(pk).orElseThrow();
        });
    }

    private static Validation validate(DSLContext dsl, GroupChanges c, UUID pk) {
        Validation v = new Validation();
        GroupChanges.DEFINITION.check(c, v::error);
        if (c.name() != null && !c.name().isBlank() && new GroupStore(dsl).nameTaken(c.name(), pk)) {
            v.error("name", "This field must be unique.");
        }
        if (c.parents() != null) {
            Set<UUID> parents = new LinkedHashSet<>(c.parents());
            if (!new GroupStore(dsl).existing(parents).containsAll(parents)) {
                v.error("parents", "Invalid pk - object does not exist.");
            } else if (pk != null) {
                for (UUID p : parents) {
                    if (new GroupStore(dsl).selfAndAncestors(p).contains(pk)) {
                        v.error("parents", "Cannot set group as parent of itself or of one of its ancestors: "
                                + "that would create a cycle.");
                        break;
                    }
                }
            }
        }
        if (c.users() != null && !c.users().isEmpty()) {
            List<Long> users = c.users();
            if (new UserStore(dsl).byPks(users).size() != new LinkedHashSet<>(users).size()) {
                v.error("users", "Invalid pk - object does not exist.");
            }
        }
        return v;
    }

    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            Group g = new GroupStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            new GroupStore(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, "group", pk, g.name());
        });
    }

    public void addUser(Actor actor, UUID group, long userPk) {
        membership(actor, group, userPk, true);
    }

    public void removeUser(Actor actor, UUID group, long userPk) {
        membership(actor, group, userPk, false);
    }

    private void membership(Actor actor, UUID group, long userPk, boolean add) {
        db.txRun(dsl -> {
            Group g = new GroupStore(dsl).byPk(group).orElseThrow(NotFoundException::new);
            if (new UserStore(dsl).byPk(userPk).isEmpty()) {
                throw ValidationException.of("pk", "Invalid pk \"" + userPk + "\" - object does not exist.");
            }
            boolean changed = add ? new GroupStore(dsl).addMember(group, userPk) : new GroupStore(dsl).removeMember(group, userPk);
            if (changed) {
                EventLog.modelUpdated(dsl, actor, "group", group, g.name());
            }
        });
    }
}
