package dev.gatehouse.api.resources;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.authenticator.Device;
import dev.gatehouse.authenticator.DeviceClass;
import dev.gatehouse.authenticator.DeviceClasses;
import dev.gatehouse.authenticator.DeviceService;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code authenticators/}: {@code all/} lists the caller's devices of every class (authentik's {@code Device}
 * shape); per device class, {@code <class>/} lists, gets, renames (PATCH/PUT {@code name}) and deletes the caller's
 * own devices — another user's device is a 404 — and {@code admin/<class>/} does the same for any user's devices
 * (superusers; {@code ?user=} filters). Generated from {@link DeviceClasses}, so a new class gets its endpoints.
 */
public final class AuthenticatorsApi {
    private final Database db;
    private final DeviceService devices;

    public AuthenticatorsApi(Database db, DeviceService devices) {
        this.db = db;
        this.devices = devices;
    }

    /** authentik's {@code DeviceSerializer}: what {@code authenticators/all/} lists. */
    public record DeviceView(String pk, String name, String type, boolean confirmed, Instant created,
                             Instant lastUpdated, Instant lastUsed, String metaModelName, String verboseName,
                             String extraDescription, String externalId) {
    }

    /** The owner of a device as the per-class endpoints show it. */
    public record Owner(long pk, String username, String name) {
    }

    /**
     * One device on a per-class endpoint; {@code extra}: the fields only this class's authentik serializer has
     * (WebAuthn's {@code created_on}, {@code aaguid}, {@code device_type}), written alongside the others.
     */
    public record ClassDeviceView(long pk, String name, Owner user, boolean confirmed, Instant created,
                                  Instant lastUpdated, Instant lastUsed, String metaModelName, String verboseName,
                                  @JsonAnyGetter Map<String, Object> extra) {
    }

    /** PATCH/PUT body. */
    public record Rename(String name) {
    }

    public void register(Routes r) {
        r.op("GET", "authenticators/all/", Access.AUTHENTICATED, "authenticators_all_list",
                "The caller's authenticator devices of every class", null, DeviceView[].class,
                req -> ApiResponse.ok(devices.ofUser(req.principal().user().pk()).stream().map(AuthenticatorsApi::view).toList()));
        for (DeviceClass type : DeviceClasses.all()) {
            register(r, type, "authenticators/" + type.name() + "/", "authenticators_" + type.name(), Access.AUTHENTICATED,
                    false);
            register(r, type, "authenticators/admin/" + type.name() + "/", "authenticators_admin_" + type.name(),
                    Access.SUPERUSER, true);
        }
    }

    private void register(Routes r, DeviceClass type, String path, String id, Access access, boolean admin) {
        String item = path + "{id}/";
        String what = type.verboseName() + (admin ? " (any user)" : " (own)");
        r.list(path, access, id + "_list", "List " + what + "s", ClassDeviceView.class,
                        type.rows(db.dsl()).filterNames(),
                        req -> ApiResponse.ok(Pagination.envelope(devices.list(type, req.pageRequest(), owner(req, admin))
                                .map(this::classView))))
                .op("GET", item, access, id + "_retrieve", "Get a " + what, null, ClassDeviceView.class,
                        req -> ApiResponse.ok(classView(devices.get(type, req.pathLong("id"), owner(req, admin)))))
                .op("PATCH", item, access, id + "_partial_update", "Rename a " + what, Rename.class,
                        ClassDeviceView.class, req -> rename(req, type, admin))
                .op("PUT", item, access, id + "_update", "Rename a " + what, Rename.class, ClassDeviceView.class,
                        req -> rename(req, type, admin))
                .op("DELETE", item, access, id + "_destroy", "Delete a " + what, null, null, req -> {
                    devices.delete(req.actor(), type, req.pathLong("id"), owner(req, admin));
                    return ApiResponse.noContent();
                });
    }

    private ApiResponse rename(ApiRequest req, DeviceClass type, boolean admin) {
        var body = req.body().require("name");
        String name = body.string("name");
        body.finish();
        return ApiResponse.ok(classView(devices.rename(req.actor(), type, req.pathLong("id"), owner(req, admin), name)));
    }

    /** Whose devices a caller may reach: the admin endpoints anyone's, the others only the caller's. */
    private static Long owner(ApiRequest req, boolean admin) {
        return admin ? null : req.principal().user().pk();
    }

    static DeviceView view(Device d) {
        DeviceClass type = DeviceClasses.byName(d.deviceClass()).orElseThrow();
        return new DeviceView(Long.toString(d.pk()), d.name(), type.modelLabel(), d.confirmed(), d.created(),
                d.lastUpdated(), d.lastUsed(), type.metaModelName(), type.verboseName(), null, null);
    }

    private ClassDeviceView classView(Device d) {
        DeviceClass type = DeviceClasses.byName(d.deviceClass()).orElseThrow();
        Owner owner = new UserStore(db.dsl()).byPk(d.user()).map(u -> new Owner(u.pk(), u.username(), u.name()))
                .orElse(new Owner(d.user(), "", ""));
        return new ClassDeviceView(d.pk(), d.name(), owner, d.confirmed(), d.created(), d.lastUpdated(), d.lastUsed(),
                type.metaModelName(), type.verboseName(), type.extraFields(db.dsl(), d));
    }
}
