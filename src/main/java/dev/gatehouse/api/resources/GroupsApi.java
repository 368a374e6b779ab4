package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.api.resources.UserViews.UserRef;
import dev.gatehouse.core.Group;
import dev.gatehouse.core.GroupChanges;
import dev.gatehouse.core.GroupService;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.definition.Write;
import dev.gatehouse.store.Database;
import dev.gatehouse.core.GroupStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/** {@code core/groups/}: CRUD, {@code add_user/} and {@code remove_user/}. */
public final class GroupsApi {
    private final Database db;
    private final GroupService groups;
    private final UserViews users;

    public GroupsApi(Database db, GroupService groups, UserViews users) {
        this.db = db;
        this.groups = groups;
        this.users = users;
    }

    public record GroupView(UUID pk, String name, boolean isSuperuser, List<UUID> parents, List<Long> users,
                            List<UserRef> usersObj, Map<String, Object> attributes) {
    }

    public record UserPk(Long pk) {
    }

    public void register(Routes r) {
        r.crud("core/groups/", "pk", "core_groups", "group", GroupChanges.DEFINITION, GroupView.class,
                        GroupStore.LISTING.filterNames(), new Routes.Crud(this::list,
                                req -> view(groups.create(req.actor(), req.body().read(GroupChanges.DEFINITION, Write.CREATE))),
                                req -> view(find(req)),
                                (req, write) -> view(groups.update(req.actor(), find(req).pk(),
                                        req.body().read(GroupChanges.DEFINITION, write))),
                                req -> {
                                    groups.delete(req.actor(), find(req).pk());
                                    return null;
                                }))
                .op("POST", "core/groups/{pk}/add_user/", Access.SUPERUSER, "core_groups_add_user_create",
                        "Add a user to a group", UserPk.class, null, req -> membership(req, true))
                .op("POST", "core/groups/{pk}/remove_user/", Access.SUPERUSER, "core_groups_remove_user_create",
                        "Remove a user from a group", UserPk.class, null, req -> membership(req, false));
    }

    private ApiResponse list(ApiRequest req) {
        return ApiResponse.ok(Pagination.envelope(new GroupStore(db.dsl()).list(req.pageRequest()).map(this::view)));
    }

    private Group find(ApiRequest req) {
        return new GroupStore(db.dsl()).byPk(req.pathUuid("pk")).orElseThrow(NotFoundException::new);
    }

    private GroupView view(Group g) {
        DSLContext dsl = db.dsl();
        List<Long> members = new GroupStore(dsl).members(g.pk());
        return new GroupView(g.pk(), g.name(), g.isSuperuser(), g.parents(), members,
                new UserStore(dsl).byPks(members).stream().map(users::ref).toList(), g.attributes());
    }

    private ApiResponse membership(ApiRequest req, boolean add) {
        Group g = find(req);
        Body b = req.body().require("pk");
        Long pk = b.integer("pk");
        b.finish();
        if (add) {
            groups.addUser(req.actor(), g.pk(), pk);
        } else {
            groups.removeUser(req.actor(), g.pk(), pk);
        }
        return ApiResponse.noContent();
    }
}
