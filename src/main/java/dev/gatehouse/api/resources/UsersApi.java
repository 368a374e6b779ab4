package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.api.resources.UserViews.UserView;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.RecoveryKeys;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserChanges;
import dev.gatehouse.core.UserService;
import dev.gatehouse.definition.Write;
import dev.gatehouse.lockdown.AccountLockdown;
import dev.gatehouse.lockdown.LockdownFlowLinks;
import dev.gatehouse.store.Database;
import dev.gatehouse.core.UserStore;
import java.time.Duration;

/**
 * {@code core/users/}: CRUD, {@code me/}, {@code set_password/} and {@code recovery/}: a one-time link, valid
 * {@link #RECOVERY_VALIDITY}, to the brand's recovery flow with the user pending (authentik's); when the brand has no
 * recovery flow, a link that signs the user in once, as {@code create_recovery_key} prints. {@code lockdown/}: the
 * {@link AccountLockdown} of one user at once (seed 000); {@code account_lockdown/} and {@code account_lockdown_bulk/}:
 * the brand's lockdown flow as a link ({@link LockdownFlowLinks}, authentik's).
 */
public final class UsersApi {
    public static final Duration RECOVERY_VALIDITY = Duration.ofMinutes(30);
    private final Database db;
    private final UserService users;
    private final UserViews views;
    private final RecoveryKeys recoveryKeys;
    private final RecoveryFlowLinks recoveryFlows;
    private final AccountLockdown lockdown;
    private final LockdownFlowLinks lockdownLinks;

    public UsersApi(Database db, UserService users, UserViews views, RecoveryFlowLinks recoveryFlows,
                    LockdownFlowLinks lockdownLinks) {
        this.db = db;
        this.users = users;
        this.views = views;
        this.recoveryKeys = new RecoveryKeys(db);
        this.recoveryFlows = recoveryFlows;
        this.lockdown = new AccountLockdown(db);
        this.lockdownLinks = lockdownLinks;
    }

    public record PasswordRequest(String password) {
    }

    /** authentik's {@code Link}: the recovery URL. */
    public record Link(String link) {
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
                        "Set a user's password", PasswordRequest.class, null, this::setPassword)
                .op("POST", "core/users/{pk}/recovery/", Access.SUPERUSER, "core_users_recovery_create",
                        "Create a one-time link that signs the user in", null, Link.class, this::recovery)
                .op("POST", "core/users/{pk}/lockdown/", Access.AUTHENTICATED, "core_users_lockdown_create",
                        "Lock the user down at once: deactivate, unusable password, end every session and token",
                        LockdownRequest.class, null, this::lockdown)
                .op("POST", "core/users/account_lockdown/", Access.AUTHENTICATED, "core_users_account_lockdown_create",
                        "Start the brand's lockdown flow for a user (omitted: yourself)", AccountLockdownRequest.class,
                        FlowUrl.class, this::accountLockdown)
                .op("POST", "core/users/account_lockdown_bulk/", Access.AUTHENTICATED,
                        "core_users_account_lockdown_bulk_create", "Start the brand's lockdown flow for several users",
                        BulkLockdownRequest.class, FlowUrl.class, this::accountLockdownBulk);
    }

    /** authentik's {@code UserAccountLockdownRequest}: the user to lock down; omitted, the caller (self-service). */
    public record AccountLockdownRequest(Long user) {
    }

    /** authentik's {@code UserBulkAccountLockdownRequest}. */
    public record BulkLockdownRequest(java.util.List<Long> users) {
    }

    /** Where the browser goes to run the lockdown flow. */
    public record FlowUrl(String flowUrl) {
    }

    /**
     * {@code POST core/users/account_lockdown/}: the brand's lockdown flow for {@code user} (a superuser for anyone,
     * anyone for themselves: 403 otherwise), as a {@code flow_url}; 400 when the brand has no lockdown flow.
     */
    private ApiResponse accountLockdown(ApiRequest req) {
        Body b = req.body();
        Long pk = b.integer("user");
        b.finish();
        User caller = req.principal().user();
        if (pk != null && pk != caller.pk() && !req.superuser()) {
            throw dev.gatehouse.api.ApiException.forbidden();
        }
        User target = pk == null ? caller : existing(pk, "user");
        return ApiResponse.ok(new FlowUrl(lockdownLinks.forUser(caller, target, req.origin().host(), base(req))));
    }

    /** {@code POST core/users/account_lockdown_bulk/}: the lockdown flow for every user listed (each once). */
    private ApiResponse accountLockdownBulk(ApiRequest req) {
        Body b = req.body().require("users");
        java.util.List<Long> pks = b.integers("users");
        if (pks != null && pks.isEmpty()) {
            b.invalid("users", "At least one user is required.");
        }
        b.finish();
        User caller = req.principal().user();
        java.util.List<Long> unique = pks.stream().distinct().toList();
        if (!req.superuser() && unique.stream().anyMatch(pk -> pk != caller.pk())) {
            throw dev.gatehouse.api.ApiException.forbidden();
        }
        java.util.List<User> targets = unique.stream().map(pk -> existing(pk, "users")).toList();
        return ApiResponse.ok(new FlowUrl(lockdownLinks.forUsers(caller, targets, req.origin().host(), base(req))));
    }

    /** The user a body names by pk; a 400 on {@code field} (as DRF's related field) when there is none. */
    private User existing(long pk, String field) {
        return users.byPk(pk).orElseThrow(() -> dev.gatehouse.core.errors.ValidationException.of(field,
                "Invalid pk \"" + pk + "\" - object does not exist."));
    }

    private static String base(ApiRequest req) {
        return req.origin().baseUrl().replaceAll("/+$", "");
    }

    /** The optional body of {@code lockdown/}: why (recorded in the event). */
    public record LockdownRequest(String reason) {
    }

    /**
     * {@code POST core/users/<pk>/lockdown/} (seed 000): the whole lockdown at once, 204. A superuser may lock anyone
     * down, any other caller only themselves (403 otherwise, before anything is looked up).
     */
    private ApiResponse lockdown(ApiRequest req) {
        long pk = req.pathLong("pk");
        if (!req.superuser() && req.principal().user().pk() != pk) {
            throw dev.gatehouse.api.ApiException.forbidden();
        }
        Body b = req.body();
        String reason = b.string("reason");
        b.finish();
        lockdown.lock(req.actor(), pk, reason == null ? "" : reason);
        return ApiResponse.noContent();
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

    private ApiResponse recovery(ApiRequest req) {
        User u = find(req);
        if (!u.isActive()) {
            throw dev.gatehouse.core.errors.ValidationException.of("non_field_errors", "The user is inactive; activate it first.");
        }
        String base = req.origin().baseUrl().replaceAll("/+$", "");
        java.util.Optional<dev.gatehouse.flow.Flow> flow = new dev.gatehouse.core.BrandStore(db.dsl())
                .forHost(req.origin().host()).map(dev.gatehouse.core.Brand::flowRecovery)
                .flatMap(pk -> new dev.gatehouse.flow.FlowStore(db.dsl()).byPk(pk));
        if (flow.isPresent()) {
            return ApiResponse.ok(new Link(recoveryFlows.link(flow.get(), u, base).orElseThrow(() ->
                    dev.gatehouse.core.errors.ValidationException.of("non_field_errors",
                            "The recovery flow \"" + flow.get().slug() + "\" does not apply to this user."))));
        }
        String key = recoveryKeys.create(req.actor(), u.pk(), RECOVERY_VALIDITY).orElseThrow(NotFoundException::new);
        return ApiResponse.ok(new Link(base + "/recovery/use-token/" + key + "/"));
    }
}
