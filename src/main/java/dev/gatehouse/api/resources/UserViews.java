package dev.gatehouse.api.resources;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.Installation;
import dev.gatehouse.core.User;
import dev.gatehouse.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/** How users and groups look on the wire (authentik's serializer shapes). */
public final class UserViews {
    private final Database db;
    private final Installation installation;

    public UserViews(Database db, Installation installation) {
        this.db = db;
        this.installation = installation;
    }

    public record GroupRef(UUID pk, String name, boolean isSuperuser, List<UUID> parents, Map<String, Object> attributes) {
        static GroupRef of(Group g) {
            return new GroupRef(g.pk(), g.name(), g.isSuperuser(), g.parents(), g.attributes());
        }
    }

    public record UserView(long pk, String username, String name, boolean isActive, Instant lastLogin,
                           boolean isSuperuser, List<UUID> groups, List<GroupRef> groupsObj, String email,
                           Map<String, Object> attributes, String uid, String path, String type, UUID uuid,
                           Instant passwordChangeDate, Instant dateJoined) {
    }

    public record UserRef(long pk, String username, String name, boolean isActive, Instant lastLogin, String email,
                          Map<String, Object> attributes, String uid) {
    }

    public UserView user(User u) {
        return user(u, new GroupStore(db.dsl()).isSuperuser(u.pk()));
    }

    /** The view when whether the user is a superuser is already known (the caller itself). */
    public UserView user(User u, boolean superuser) {
        DSLContext dsl = db.dsl();
        List<Group> groups = new GroupStore(dsl).byPks(new GroupStore(dsl).directGroupsOfUser(u.pk()));
        return new UserView(u.pk(), u.username(), u.name(), u.isActive(), u.lastLogin(),
                superuser, groups.stream().map(Group::pk).toList(),
                groups.stream().map(GroupRef::of).toList(), u.email(), u.attributes(), installation.uid(u), u.path(),
                u.type().wire(), u.uuid(), u.passwordChangeDate(), u.dateJoined());
    }

    public UserRef ref(User u) {
        return new UserRef(u.pk(), u.username(), u.name(), u.isActive(), u.lastLogin(), u.email(), u.attributes(),
                installation.uid(u));
    }
}
