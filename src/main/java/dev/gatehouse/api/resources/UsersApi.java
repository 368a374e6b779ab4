package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.api.resources.UserViews.UserView;
import dev.gatehouse.core.NotFoundException;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserChanges;
import dev.gatehouse.core.UserService;
import dev.gatehouse.core.UserType;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;
import dev.gatehouse.store.UserStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code core/users/}: CRUD, {@code me/} and {@code set_password/}. */
public final class UsersApi {
    private final Database db;
    private final UserService users;
    private final UserViews views;

    public UsersApi(Database db, UserService users, UserViews views) {
        this.db = db;
        this.users = users;
        this.views = views;
    }

    /** Request shape for create/update (documentation; parsing is field by field). */
    public record UserRequest(String username, String name, String email, Boolean isActive, String type, String path,
                              Map<String, Object> attributes, List<UUID> groups, String passwordHash) {
    }

    public record PasswordRequest(String password) {
    }

    public record Me(UserView user, UserView original) {
    }

    public void register(Routes r) {
        r.list("core/users/", Access.SUPERUSER, "core_users_list", "List users", UserView.class,
                        UserStore.LISTING.filterNames(), this::list)
                .op("POST", "core/users/", Access.SUPERUSER, "core_users_create", "Create a user",
                        UserRequest.class, UserView.class, req -> ApiResponse.created(views.user(
                                users.create(req.actor(), changes(req.body(), true)))))
                .op("GET", "core/users/me/", Access.AUTHENTICATED, "core_users_me_retrieve",
                        "The authenticated user", null, Me.class,
                        req -> ApiResponse.ok(new Me(views.user(req.principal().user(), req.principal().superuser()), null)))
                .op("GET", "core/users/{pk}/", Access.SUPERUSER, "core_users_retrieve", "Get a user",
                        null, UserView.class, req -> ApiResponse.ok(views.user(find(req))))
                .op("PUT", "core/users/{pk}/", Access.SUPERUSER, "core_users_update", "Replace a user",
                        UserRequest.class, UserView.class, req -> update(req, true))
                .op("PATCH", "core/users/{pk}/", Access.SUPERUSER, "core_users_partial_update", "Change a user",
                        UserRequest.class, UserView.class, req -> update(req, false))
                .op("DELETE", "core/users/{pk}/", Access.SUPERUSER, "core_users_destroy", "Delete a user",
                        null, null, req -> {
                            users.delete(req.actor(), find(req).pk());
                            return ApiResponse.noContent();
                        })
                .op("POST", "core/users/{pk}/set_password/", Access.SUPERUSER, "core_users_set_password_create",
                        "Set a user's password", PasswordRequest.class, null, this::setPassword);
    }

    private ApiResponse list(ApiRequest req) {
        return ApiResponse.ok(Pagination.envelope(Stores.on(db.dsl()).users().list(req.pageRequest()).map(views::user)));
    }

    private User find(ApiRequest req) {
        return users.byPk(req.pathLong("pk")).orElseThrow(NotFoundException::new);
    }

    private ApiResponse update(ApiRequest req, boolean full) {
        User u = find(req);
        return ApiResponse.ok(views.user(users.update(req.actor(), u.pk(), changes(req.body(), full))));
    }

    private ApiResponse setPassword(ApiRequest req) {
        User u = find(req);
        Body b = req.body().require("password");
        String password = b.string("password");
        if (password != null && password.isEmpty()) {
            b.invalid("password", "This field may not be blank.");
        }
        b.finish();
        users.setPassword(req.actor(), u.pk(), password);
        return ApiResponse.noContent();
    }

    static UserChanges changes(Body b, boolean requireAll) {
        if (requireAll) {
            b.require("username", "name");
        }
        String typeText = b.string("type");
        UserType type = typeText == null ? null : UserType.parse(typeText);
        if (typeText != null && type == null) {
            b.invalid("type", "\"" + typeText + "\" is not a valid choice.");
        }
        UserChanges c = new UserChanges(b.string("username"), b.string("name"), b.string("email"), b.bool("is_active"),
                type, b.string("path"), b.object("attributes"), b.uuids("groups"), b.string("password_hash"));
        b.finish();
        return c;
    }
}
