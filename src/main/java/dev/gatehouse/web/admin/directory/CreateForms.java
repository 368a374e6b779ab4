package dev.gatehouse.web.admin.directory;

import dev.gatehouse.core.GroupChanges;
import dev.gatehouse.core.UserChanges;
import dev.gatehouse.definition.Choice;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Reference;
import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.admin.AdminRequest;
import dev.gatehouse.web.admin.FormField;
import dev.gatehouse.web.admin.FormFields;
import dev.gatehouse.web.admin.ObjectPage.FormPage;
import dev.gatehouse.web.admin.ObjectPages;
import dev.gatehouse.web.admin.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The create forms of users and groups ({@code users/new/}, {@code groups/new/}): the generic form built from the
 * declaration, with the user type offered as authentik words it (Internal, External, Service account; Internal by
 * default). They are hand-made only because the user and group pages take {@code users/<pk>/} and
 * {@code groups/<pk>/}, which would otherwise also catch {@code new}.
 */
final class CreateForms {
    /** authentik's labels of the user types a form offers (the internal service account is made by outposts). */
    static final Map<String, String> USER_TYPES = labels("internal", "Internal", "external", "External",
            "service_account", "Service account");

    private CreateForms() {
    }

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    /** What is created: the declaration, the API collection, the list page, and the object page of a created one. */
    private record Kind(Definition<?> definition, String apiPath, String slug, String label, String keyField) {
    }

    private static final Kind USER = new Kind(UserChanges.DEFINITION, "core/users/", "users", "User", "pk");
    private static final Kind GROUP = new Kind(GroupChanges.DEFINITION, "core/groups/", "groups", "Group", "pk");

    static void userForm(AdminRequest r) {
        show(r, USER, defaults(USER.definition()), Map.of(), 200);
    }

    static void createUser(AdminRequest r) {
        create(r, USER);
    }

    static void groupForm(AdminRequest r) {
        show(r, GROUP, defaults(GROUP.definition()), Map.of(), 200);
    }

    static void createGroup(AdminRequest r) {
        create(r, GROUP);
    }

    /** The declared defaults as the API spells them (a choice by its wire value). */
    private static Map<String, Object> defaults(Definition<?> d) {
        Map<String, Object> out = new LinkedHashMap<>();
        d.defaults().forEach((k, v) -> out.put(k, v instanceof Choice c ? c.wire() : v));
        return out;
    }

    private static void create(AdminRequest r, Kind kind) {
        FormFields.Body body = FormFields.body(kind.definition(), r.form());
        Answer a = body.errors().isEmpty() ? r.send("POST", kind.apiPath(), body.values()) : null;
        if (a != null && a.ok()) {
            r.redirect(dev.gatehouse.web.admin.AdminInterface.ROOT + kind.slug() + "/" + a.object().get(kind.keyField()) + "/");
            return;
        }
        Map<String, List<String>> errors = a == null ? body.errors()
                : a.status() == 400 ? Values.fieldErrors(a) : Map.of("non_field_errors", List.of(a.detail()));
        show(r, kind, null, errors, 400);
    }

    /** The form showing {@code values}, or (when null) what was posted, with {@code errors} beside the inputs. */
    private static void show(AdminRequest r, Kind kind, Map<String, Object> values, Map<String, List<String>> errors,
                             int status) {
        Options options = new Options(r);
        List<FormField> fields = FormFields.of(kind.definition(), values == null ? defaults(kind.definition()) : values,
                options::of, Map.of());
        if (values == null) {
            fields = FormFields.reshown(fields, r.form(), errors);
        }
        List<FormField> shown = new ArrayList<>();
        FormField type = null;
        for (FormField f : fields) {
            if (f.name().equals("type")) {
                type = userType(f);
            } else {
                shown.add(f);
            }
        }
        if (type != null) {
            // as authentik's form (and seed 004) reads: Username, Name, User type, Email, ...
            int name = shown.indexOf(shown.stream().filter(f -> f.name().equals("name")).findFirst().orElse(null));
            shown.add(name < 0 ? shown.size() : name + 1, type);
        }
        List<String> general = new ArrayList<>();
        errors.forEach((field, messages) -> {
            if (shown.stream().noneMatch(f -> f.name().equals(field))) {
                String prefix = field.equals("non_field_errors") || field.equals("detail") ? "" : field + ": ";
                messages.forEach(m -> general.add(prefix + m));
            }
        });
        String heading = "Create " + kind.label();
        String list = dev.gatehouse.web.admin.AdminInterface.ROOT + kind.slug() + "/";
        r.page(status, ObjectPages.FORM, heading, kind.slug(), new FormPage(heading, list + "new/", shown, general,
                "Create", list));
    }

    /** The user type: a required select labelled as authentik labels it. */
    private static FormField userType(FormField f) {
        List<FormField.Option> options = new ArrayList<>();
        USER_TYPES.forEach((wire, label) -> options.add(new FormField.Option(wire, label)));
        if (!f.value().isEmpty() && !USER_TYPES.containsKey(f.value())) {
            options.add(new FormField.Option(f.value(), f.value()));
        }
        return new FormField(f.name(), f.label(), f.help(), FormField.Input.SELECT, true, f.value(), f.selected(),
                options, f.errors(), f.maxLength());
    }

    /** The choices of the reference fields (groups, users), read through the API as this admin. */
    static final class Options {
        private final AdminRequest r;
        private final Map<String, List<FormField.Option>> read = new LinkedHashMap<>();

        Options(AdminRequest r) {
            this.r = r;
        }

        List<FormField.Option> of(Reference reference) {
            return read.computeIfAbsent(reference.type(), type -> switch (type) {
                case "group" -> r.get("core/groups/", Map.of("page_size", "1000", "ordering", "name")).results().stream()
                        .map(g -> new FormField.Option(String.valueOf(g.get("pk")), String.valueOf(g.get("name")))).toList();
                case "user" -> r.get("core/users/", Map.of("page_size", "1000", "ordering", "username")).results().stream()
                        .map(u -> new FormField.Option(String.valueOf(u.get("pk")), String.valueOf(u.get("username")))).toList();
                default -> List.of();
            });
        }
    }
}
