package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.NotFoundException;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.WebAuthnDeviceStore;
import dev.gatehouse.webauthn.WebAuthnDevice;
import dev.gatehouse.webauthn.WebAuthnDevices;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code authenticators/webauthn/}: the caller's own WebAuthn devices (list, retrieve, rename, delete; another
 * user's device reads as 404), and {@code authenticators/admin/webauthn/}: anyone's, superusers only, with the
 * {@code ?user=} filter. Registration happens in the authenticator_webauthn stage, not here.
 */
public final class WebAuthnDevicesApi {
    private final WebAuthnDevices devices;

    public WebAuthnDevicesApi(Database db) {
        this.devices = new WebAuthnDevices(db);
    }

    /** authentik's WebAuthnDeviceSerializer (device_type stays null: no FIDO metadata is loaded). */
    public record DeviceView(long pk, String name, Instant createdOn, Instant lastUsed, String aaguid,
                             Object deviceType, boolean confirmed, long user) {
    }

    public record RenameRequest(String name) {
    }

    public void register(Routes r) {
        String own = "authenticators/webauthn/";
        String admin = "authenticators/admin/webauthn/";
        r.list(own, Access.AUTHENTICATED, "authenticators_webauthn_list", "List your WebAuthn devices",
                        DeviceView.class, List.of("name"), req -> list(req, ownerOf(req)))
                .op("GET", own + "{id}/", Access.AUTHENTICATED, "authenticators_webauthn_retrieve",
                        "Get one of your WebAuthn devices", null, DeviceView.class, req -> retrieve(req, ownerOf(req)))
                .op("PUT", own + "{id}/", Access.AUTHENTICATED, "authenticators_webauthn_update",
                        "Rename one of your WebAuthn devices", RenameRequest.class, DeviceView.class,
                        req -> rename(req, ownerOf(req)))
                .op("PATCH", own + "{id}/", Access.AUTHENTICATED, "authenticators_webauthn_partial_update",
                        "Rename one of your WebAuthn devices", RenameRequest.class, DeviceView.class,
                        req -> rename(req, ownerOf(req)))
                .op("DELETE", own + "{id}/", Access.AUTHENTICATED, "authenticators_webauthn_destroy",
                        "Delete one of your WebAuthn devices", null, null, req -> delete(req, ownerOf(req)))
                .list(admin, Access.SUPERUSER, "authenticators_admin_webauthn_list",
                        "List WebAuthn devices of all users", DeviceView.class,
                        WebAuthnDeviceStore.LISTING.filterNames(), req -> list(req, null))
                .op("GET", admin + "{id}/", Access.SUPERUSER, "authenticators_admin_webauthn_retrieve",
                        "Get a WebAuthn device", null, DeviceView.class, req -> retrieve(req, null))
                .op("PUT", admin + "{id}/", Access.SUPERUSER, "authenticators_admin_webauthn_update",
                        "Rename a WebAuthn device", RenameRequest.class, DeviceView.class, req -> rename(req, null))
                .op("PATCH", admin + "{id}/", Access.SUPERUSER, "authenticators_admin_webauthn_partial_update",
                        "Rename a WebAuthn device", RenameRequest.class, DeviceView.class, req -> rename(req, null))
                .op("DELETE", admin + "{id}/", Access.SUPERUSER, "authenticators_admin_webauthn_destroy",
                        "Delete a WebAuthn device", null, null, req -> delete(req, null));
    }

    /**
     * The entries of {@code user}'s WebAuthn devices for the combined {@code authenticators/all/} list, in
     * authentik's DeviceSerializer shape.
     */
    public static List<Map<String, Object>> allDevicesEntries(WebAuthnDevices devices, long user) {
        return devices.list(user).stream().map(WebAuthnDevicesApi::allDevicesEntry).toList();
    }

    static Map<String, Object> allDevicesEntry(WebAuthnDevice d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pk", String.valueOf(d.pk()));
        m.put("name", d.name());
        m.put("type", WebAuthnDevice.META_MODEL_NAME);
        m.put("verbose_name", WebAuthnDevice.VERBOSE_NAME);
        m.put("meta_model_name", WebAuthnDevice.META_MODEL_NAME);
        m.put("confirmed", d.confirmed());
        m.put("created", d.created());
        m.put("last_updated", d.lastUsed() == null ? d.created() : d.lastUsed());
        m.put("last_used", d.lastUsed());
        m.put("extra_description", null);
        return m;
    }

    /** The own-devices routes are limited to the caller, whoever it is (superusers use the admin routes). */
    private static Long ownerOf(ApiRequest req) {
        return req.principal().user().pk();
    }

    private ApiResponse list(ApiRequest req, Long owner) {
        return ApiResponse.ok(Pagination.envelope(devices.page(req.pageRequest(), owner).map(WebAuthnDevicesApi::view)));
    }

    private ApiResponse retrieve(ApiRequest req, Long owner) {
        return ApiResponse.ok(view(devices.find(req.pathLong("id"), owner).orElseThrow(NotFoundException::new)));
    }

    private ApiResponse rename(ApiRequest req, Long owner) {
        long id = req.pathLong("id");
        devices.find(id, owner).orElseThrow(NotFoundException::new);
        Body b = req.body().require("name");
        String name = b.string("name");
        b.finish();
        return ApiResponse.ok(view(devices.rename(req.actor(), id, owner, name)));
    }

    private ApiResponse delete(ApiRequest req, Long owner) {
        devices.delete(req.actor(), req.pathLong("id"), owner);
        return ApiResponse.noContent();
    }

    static DeviceView view(WebAuthnDevice d) {
        return new DeviceView(d.pk(), d.name(), d.created(), d.lastUsed(), d.aaguid(), null, d.confirmed(), d.user());
    }
}
