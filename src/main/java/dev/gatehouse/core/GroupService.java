package dev.gatehouse.core;

import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Groups: create, change (parents without cycles), delete, membership. */
public final class GroupService {
    private final Database db;

    public GroupService(Database db) {
        this.db = db;
    }

    public Group create(Actor actor, GroupChanges c) {
        return db.tx(dsl -> {
            Stores s = Stores.on(dsl);
            Validation v = validate(s, c, null);
            v.check(c.name() != null, "name", "This field is required.");
            v.throwIfInvalid();
            Group g = s.groups().insert(c.name(), Boolean.TRUE.equals(c.isSuperuser()),
                    c.attributes() == null ? Map.of() : c.attributes());
            if (c.parents() != null) {
                s.groups().setParents(g.pk(), new LinkedHashSet<>(c.parents()));
            }
            if (c.users() != null) {
                for (Long u : new LinkedHashSet<>(c.users())) {
                    s.groups().addMember(g.pk(), u);
                }
            }
            EventLog.modelCreated(s, actor, "group", g.pk(), g.name());
            return s.groups().byPk(g.pk()).orElseThrow();
        });
    }

    public Group update(Actor actor, UUID pk, GroupChanges c) {
        return db.tx(dsl -> {
            Stores s = Stores.on(dsl);
            Group old = s.groups().byPk(pk).orElseThrow(NotFoundException::new);
            validate(s, c, pk).throwIfInvalid();
            Group g = new Group(pk, UserService.pick(c.name(), old.name()),
                    UserService.pick(c.isSuperuser(), old.isSuperuser()), old.parents(),
                    UserService.pick(c.attributes(), old.attributes()), old.created());
            s.groups().update(g);
            if (c.parents() != null) {
                s.groups().setParents(pk, new LinkedHashSet<>(c.parents()));
            }
            if (c.users() != null) {
                for (Long u : s.groups().members(pk)) {
                    s.groups().removeMember(pk, u);
                }
                for (Long u : new LinkedHashSet<>(c.users())) {
                    s.groups().addMember(pk, u);
                }
            }
            EventLog.modelUpdated(s, actor, "group", pk, g.name());
            return s.groups().byPk(pk).orElseThrow();
        });
    }

    private static Validation validate(Stores s, GroupChanges c, UUID pk) {
        Validation v = new Validation();
        v.notBlank(c.name(), "name").maxLength(c.name(), 80, "name");
        if (c.name() != null && !c.name().isBlank() && s.groups().nameTaken(c.name(), pk)) {
            v.error("name", "This field must be unique.");
        }
        if (c.parents() != null) {
            Set<UUID> parents = new LinkedHashSet<>(c.parents());
            if (!s.groups().existing(parents).containsAll(parents)) {
                v.error("parents", "Invalid pk - object does not exist.");
            } else if (pk != null) {
                for (UUID p : parents) {
                    if (s.groups().selfAndAncestors(p).contains(pk)) {
                        v.error("parents", "Cannot set group as parent of itself or of one of its ancestors: "
                                + "that would create a cycle.");
                        break;
                    }
                }
            }
        }
        if (c.users() != null && !c.users().isEmpty()) {
            List<Long> users = c.users();
            if (s.users().byPks(users).size() != new LinkedHashSet<>(users).size()) {
                v.error("users", "Invalid pk - object does not exist.");
            }
        }
        return v;
    }

    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            Stores s = Stores.on(dsl);
            Group g = s.groups().byPk(pk).orElseThrow(NotFoundException::new);
            s.groups().delete(pk);
            EventLog.modelDeleted(s, actor, "group", pk, g.name());
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
            Stores s = Stores.on(dsl);
            Group g = s.groups().byPk(group).orElseThrow(NotFoundException::new);
            if (s.users().byPk(userPk).isEmpty()) {
                throw ValidationException.of("pk", "Invalid pk \"" + userPk + "\" - object does not exist.");
            }
            boolean changed = add ? s.groups().addMember(group, userPk) : s.groups().removeMember(group, userPk);
            if (changed) {
                EventLog.modelUpdated(s, actor, "group", group, g.name());
            }
        });
    }
}
