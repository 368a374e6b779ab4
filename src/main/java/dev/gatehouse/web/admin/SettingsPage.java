package dev.gatehouse.web.admin;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.admin.ObjectPage.FormPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * System → Settings: the one system settings object ({@code admin/settings/}), edited in a form built from the
 * API's declaration of it, like every other object.
 */
public final class SettingsPage implements AdminPages {
    static final String API = "admin/settings/";
    static final String HREF = AdminInterface.ROOT + "settings/";
    private final Declarations declarations;

    public SettingsPage(Declarations declarations) {
        this.declarations = declarations;
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.get("settings/", this::show).post("settings/", this::save);
    }

    private void show(AdminRequest r) {
        Optional<Definition<?>> def = declarations.of("PATCH", API);
        Answer current = r.get(API);
        if (def.isEmpty() || !current.ok()) {
            r.failed(current.ok() ? new Answer(404, Map.of()) : current);
            return;
        }
        List<FormField> fields = FormFields.of(def.get(), current.object(), new Pickers(r), Map.of());
        r.page(200, ObjectPages.FORM, "Settings", Navigation.SETTINGS, new FormPage("System settings", HREF, fields,
                List.of(), "Save", "1".equals(r.query("saved")) ? "Saved." : null, AdminInterface.ROOT));
    }

    private void save(AdminRequest r) {
        Optional<Definition<?>> def = declarations.of("PATCH", API);
        if (def.isEmpty()) {
            r.notFound();
            return;
        }
        FormFields.Body body = FormFields.body(def.get(), r.form(), dev.gatehouse.definition.Write.UPDATE);
        Answer a = body.errors().isEmpty() ? r.send("PATCH", API, body.values()) : null;
        if (a != null && a.ok()) {
            r.redirect(HREF + "?saved=1");
            return;
        }
        Map<String, List<String>> errors = a == null ? body.errors()
                : a.status() == 400 ? Values.fieldErrors(a) : Map.of("non_field_errors", List.of(a.detail()));
        List<FormField> fields = FormFields.reshown(FormFields.of(def.get(), r.get(API).object(),
                new Pickers(r), Map.of()), r.form(), errors);
        List<String> general = new ArrayList<>();
        errors.forEach((k, v) -> {
            if (fields.stream().noneMatch(f -> f.name().equals(k))) {
                general.addAll(v);
            }
        });
        r.page(400, ObjectPages.FORM, "Settings", Navigation.SETTINGS, new FormPage("System settings", HREF, fields,
                general, "Save", null, AdminInterface.ROOT));
    }
}
