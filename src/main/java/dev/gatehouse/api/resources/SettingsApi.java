package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Routes;
import dev.gatehouse.definition.Write;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.settings.SystemSettings;
import java.util.List;
import java.util.Map;

/** {@code admin/settings/}: the system settings, one object per installation (read, replace, change). */
public final class SettingsApi {
    private static final String PATH = "admin/settings/";
    private final SettingsService settings;

    public SettingsApi(SettingsService settings) {
        this.settings = settings;
    }

    /** The settings as the API shows them, authentik's field names. */
    public record SettingsView(String avatars, boolean defaultUserChangeName, boolean defaultUserChangeEmail,
                               boolean defaultUserChangeUsername, String eventRetention,
                               List<Map<String, Object>> footerLinks, boolean gdprCompliance, boolean impersonation,
                               String defaultTokenDuration, int defaultTokenLength) {
        static SettingsView of(SystemSettings s) {
            return new SettingsView(s.avatars(), s.defaultUserChangeName(), s.defaultUserChangeEmail(),
                    s.defaultUserChangeUsername(), s.eventRetention(), s.footerLinks(), s.gdprCompliance(),
                    s.impersonation(), s.defaultTokenDuration(), s.defaultTokenLength());
        }
    }

    public void register(Routes r) {
        r.op("GET", PATH, Access.SUPERUSER, "admin_settings_retrieve", "Get the system settings", (Class<?>) null,
                        SettingsView.class, req -> ApiResponse.ok(SettingsView.of(settings.get())))
                .objectOp("PUT", PATH, Access.SUPERUSER, "admin_settings_update", "Replace the system settings",
                        SettingsService.Changes.DEFINITION, SettingsView.class, req -> write(req, Write.REPLACE))
                .objectOp("PATCH", PATH, Access.SUPERUSER, "admin_settings_partial_update",
                        "Change the system settings", SettingsService.Changes.DEFINITION, SettingsView.class,
                        req -> write(req, Write.UPDATE));
    }

    private ApiResponse write(ApiRequest req, Write write) {
        return ApiResponse.ok(SettingsView.of(settings.update(req.actor(),
                req.body().read(SettingsService.Changes.DEFINITION, write))));
    }
}
