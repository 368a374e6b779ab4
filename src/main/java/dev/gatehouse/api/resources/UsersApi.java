package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.api.resources.UserViews.UserView;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserChanges;
import dev.gatehouse.core.UserService;
import dev.gatehouse.definition.Write;
import dev.gatehouse.store.Database;
import dev.gatehouse.core.UserStore;

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

    public record PasswordRequest(String password) {
    }

    public record Me(UserView user, UserView original) {
    }

    public void register(Routes r) {
        r.op("GET", "core/users/me/", Access.AUTHENTICATED, "core_users_me_retrieve",
                        "The authenticated user", null, Me.class,
                        req -> ApiResponse.ok(new Me(views.user(req.principal().user(), req.principal().superuser()), null)))
                .crud("core/users/", "pk", "core_users", "user", UserChanges.DEFINITION, UserView.class,
                        UserStore.LISTING.filterNames(), new Routes.Crud(this::list,
                                req -> views.user(users.create(req.actor(), req.body().read(UserChanges.DEFINITION, Write.CREATE))),
                                req -> views.user(find(req)),
                                (req, write) -> views.user(users.update(req.actor(), find(req).pk(),
                                        req.body().read(UserChanges.DEFINITION, write))),
                                req -> {
                                    users.delete(req.actor(), find(req).pk());
                                    return null;
                                }))
                .op("POST", "core/users/{pk}/set_password/", Access.SUPERUSER, "core_users_set_password_create",
                        "Set a user's password", PasswordRequest.class, null, this::setPassword);
    }

    private ApiResponse list(ApiRequest req) {
        return ApiResponse.ok(Pagination.envelope(new UserStore(db.dsl()).list(req.pageRequest()).map(views::user)));
    }

    private User find(ApiRequest req) {
        return users.byPk(req.pathLong("pk")).orElseThrow(NotFoundException::new);
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
}
