package dev.gatehouse.web.admin;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.definition.Write;
import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.admin.ObjectPage.Choice;
import dev.gatehouse.web.admin.ObjectPage.ChoosePage;
import dev.gatehouse.web.admin.ObjectPage.ConfirmPage;
import dev.gatehouse.web.admin.ObjectPage.DetailPage;
import dev.gatehouse.web.admin.ObjectPage.FormPage;
import dev.gatehouse.web.admin.ObjectPage.Heading;
import dev.gatehouse.web.admin.ObjectPage.ListPage;
import dev.gatehouse.web.admin.ObjectPage.Property;
import dev.gatehouse.web.admin.ObjectPage.Row;
import dev.gatehouse.web.admin.ObjectType.Column;
import dev.gatehouse.web.admin.ObjectType.Subtype;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The generic pages of every object type: a list with search, ordering and paging; a detail page; create and
 * edit forms built from the API's declaration of the type; and delete with a confirmation. Each reads and
 * writes through the API, so its validation and rules apply unchanged.
 */
public final class ObjectPages implements AdminPages {
    private static final String HERE = "dev/gatehouse/web/admin/";
    static final String LIST = HERE + "list.jte";
    static final String DETAIL = HERE + "detail.jte";
    public static final String FORM = HERE + "form.jte";
    public static final String CONFIRM = HERE + "confirm.jte";
    static final String CHOOSE = HERE + "choose.jte";
    private final Declarations declarations;

    public ObjectPages(Declarations declarations) {
        this.declarations = declarations;
    }

    @Override
    public void register(AdminRoutes routes) {
        for (ObjectType type : ObjectTypes.all()) {
            String t = type.slug() + "/";
            routes.get(t, r -> list(r, type))
                    .get(t + "new/", r -> createForm(r, type))
                    .post(t + "new/", r -> create(r, type))
                    .get(t + "{key}/", r -> detail(r, type))
                    .get(t + "{key}/edit/", r -> editForm(r, type))
                    .post(t + "{key}/edit/", r -> edit(r, type))
                    .get(t + "{key}/delete/", r -> confirmDelete(r, type))
                    .post(t + "{key}/delete/", r -> delete(r, type))
                    .get(t + "ref/{value}/", r -> byReference(r, type));
        }
    }

    // ---- list

    private void list(AdminRequest r, ObjectType type) {
        Map<String, String> query = new LinkedHashMap<>();
        String search = r.query("search");
        String ordering = r.query("ordering");
        int page = positive(r.query("page"));
        query.put("search", search);
        query.put("ordering", ordering);
        query.put("page", String.valueOf(page));
        r.queryMap().forEach((k, v) -> {
            if (!query.containsKey(k) && !v.isEmpty()) {
                query.put(k, v.getFirst());
            }
        });
        Answer a = r.get(type.apiPath(), query);
        if (!a.ok()) {
            r.failed(a);
            return;
        }
        List<Heading> headings = new ArrayList<>();
        for (Column c : type.columns()) {
            String sort = c.field().equals(ordering) ? "ascending" : ("-" + c.field()).equals(ordering) ? "descending" : null;
            String href = c.sortable() ? listHref(type, search, "ascending".equals(sort) ? "-" + c.field() : c.field(), 1) : null;
            headings.add(new Heading(c.heading(), href, sort));
        }
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> o : a.results()) {
            List<String> cells = new ArrayList<>();
            for (Column c : type.columns()) {
                cells.add(c.field().equals("verbose_name") && type.hasSubtypes()
                        ? type.subtypeOf(o).map(Subtype::label).orElse(Values.text(o.get("verbose_name")))
                        : Values.text(Values.at(o, c.field())));
            }
            rows.add(new Row(type.href(o.get(type.keyField())), Values.text(o.get(type.titleField())), cells));
        }
        Map<String, Object> p = a.pagination();
        int current = Values.integer(p.get("current"), page);
        int total = Values.integer(p.get("total_pages"), 1);
        String previous = current > 1 ? listHref(type, search, ordering, current - 1) : null;
        String next = current < total ? listHref(type, search, ordering, current + 1) : null;
        r.page(200, LIST, type.plural(), type.slug(), new ListPage(type, search == null ? "" : search, headings, rows,
                Values.integer(p.get("count"), rows.size()), current, Math.max(total, 1), previous, next,
                canCreate(type) ? type.listHref() + "new/" : null, type.extras().createLinks()));
    }

    private static String listHref(ObjectType type, String search, String ordering, int page) {
        StringBuilder q = new StringBuilder();
        if (search != null && !search.isBlank()) {
            q.append("search=").append(URLEncoder.encode(search, StandardCharsets.UTF_8)).append('&');
        }
        if (ordering != null && !ordering.isBlank()) {
            q.append("ordering=").append(URLEncoder.encode(ordering, StandardCharsets.UTF_8)).append('&');
        }
        q.append("page=").append(page);
        return type.listHref() + "?" + q;
    }

    private static int positive(String s) {
        try {
            return s == null ? 1 : Math.max(1, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private boolean canCreate(ObjectType type) {
        return type.hasSubtypes() ? type.subtypes().stream().anyMatch(s -> declarations.allows("POST", s.apiPath()))
                : declarations.of("POST", type.apiPath()).isPresent();
    }

    // ---- one object

    /** An object's full view and its subtype (null for types without), or empty when it does not exist. */
    record Loaded(Map<String, Object> view, Subtype subtype, String key) {
    }

    static Optional<Loaded> load(AdminRequest r, ObjectType type, String key) {
        Answer a = r.get(type.itemPath(null, key));
        if (!a.ok()) {
            return Optional.empty();
        }
        if (!type.hasSubtypes()) {
            return Optional.of(new Loaded(a.object(), null, key));
        }
        Optional<Subtype> sub = type.subtypeOf(a.object());
        if (sub.isEmpty()) {
            return Optional.of(new Loaded(a.object(), null, key));
        }
        Answer full = r.get(type.itemPath(sub.get(), key));
        return Optional.of(new Loaded(full.ok() ? full.object() : a.object(), sub.get(), key));
    }

    private void detail(AdminRequest r, ObjectType type) {
        Optional<Loaded> loaded = load(r, type, r.param("key"));
        if (loaded.isEmpty()) {
            r.notFound();
            return;
        }
        Loaded l = loaded.get();
        String title = Values.text(l.view().get(type.titleField()));
        List<Property> shown = new ArrayList<>(properties(l.view(), changeDefinition(type, l.subtype()),
                new Pickers(r)::options));
        shown.addAll(type.extras().shown().properties(l.view(), r.origin().baseUrl()));
        r.page(200, DETAIL, type.label() + " " + title, type.slug(), new DetailPage(type, title,
                l.subtype() == null ? null : l.subtype().label(), shown,
                changeDefinition(type, l.subtype()).isPresent() ? type.href(l.key()) + "edit/" : null,
                declarations.allows("DELETE", type.itemPath(l.subtype(), l.key())) ? type.href(l.key()) + "delete/" : null,
                related(type, l.view())));
    }

    /** Links from an object's page to what belongs to it elsewhere: the policies, groups and users bound to it. */
    static List<ObjectPage.Link> related(ObjectType type, Map<String, Object> view) {
        if (!type.extras().bindingTarget()) {
            return List.of();
        }
        Object target = view.get(type.refField());
        return List.of(new ObjectPage.Link("Policy / Group / User Bindings", bindingsHref(target)));
    }

    /** The page of the policies, groups and users bound to an object ({@code target}: its binding target pk). */
    public static String bindingsHref(Object target) {
        return AdminInterface.ROOT + "bindings/" + target + "/";
    }

    /**
     * The fields of a view as shown: a reference shows the name of the object it names (from {@code names}), and a
     * single reference links to it.
     */
    static List<Property> properties(Map<String, Object> view, Optional<Definition<?>> definition,
                                     java.util.function.Function<dev.gatehouse.definition.Reference, List<FormField.Option>> names) {
        Map<String, Field<?>> fields = new LinkedHashMap<>();
        definition.ifPresent(d -> d.fields().forEach(f -> fields.put(f.name(), f)));
        List<Property> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : view.entrySet()) {
            if (e.getKey().endsWith("_obj") || e.getKey().equals("component") || e.getKey().equals("meta_model_name")) {
                continue;
            }
            Field<?> f = fields.get(e.getKey());
            String label = e.getKey().equals("pk") ? "ID" : f != null ? FormFields.label(f) : FormFields.label(Field.string(e.getKey()));
            Object value = e.getValue();
            String href = null;
            if (value instanceof Map<?, ?> user && user.get("username") instanceof String username && user.get("pk") != null) {
                // a user as the API nests it (created_by): its username, linking to its page
                out.add(new Property(label, username, ObjectTypes.USERS.href(user.get("pk")), false));
                continue;
            }
            if (f != null && f.reference() != null && value != null) {
                Map<String, String> byValue = new LinkedHashMap<>();
                names.apply(f.reference()).forEach(o -> byValue.put(o.value(), o.label()));
                if (value instanceof List<?> l) {
                    value = l.stream().map(x -> byValue.getOrDefault(String.valueOf(x), String.valueOf(x))).toList();
                } else {
                    Object pk = value;
                    href = ObjectTypes.byReference(f.reference().type())
                            .map(t -> t.listHref() + "ref/" + pk + "/").orElse(null);
                    value = byValue.getOrDefault(String.valueOf(value), String.valueOf(value));
                }
            }
            out.add(new Property(label, Values.text(value), href, Values.isBlock(value)));
        }
        return out;
    }

    private void byReference(AdminRequest r, ObjectType type) {
        String value = r.param("value");
        if (type.keyField().equals(type.refField())) {
            r.redirect(type.href(value));
            return;
        }
        Answer a = r.get(type.apiPath(), Map.of(type.refField(), value, "page_size", "1000"));
        Optional<Map<String, Object>> hit = a.results().stream()
                .filter(o -> value.equals(String.valueOf(o.get(type.refField())))).findFirst();
        if (hit.isEmpty()) {
            r.notFound();
            return;
        }
        r.redirect(type.href(hit.get().get(type.keyField())));
    }

    private Optional<Definition<?>> changeDefinition(ObjectType type, Subtype subtype) {
        return declarations.of("PATCH", Declarations.anyItem(subtype == null ? type.apiPath() : subtype.apiPath()));
    }

    // ---- create

    private Optional<Subtype> chosenSubtype(AdminRequest r, ObjectType type) {
        String name = r.query("type");
        if (name == null && r.form().has("type")) {
            name = r.form().first("type");
        }
        return name == null ? Optional.empty() : type.subtype(name);
    }

    private void createForm(AdminRequest r, ObjectType type) {
        if (type.hasSubtypes()) {
            Optional<Subtype> sub = chosenSubtype(r, type);
            if (sub.isEmpty()) {
                List<Choice> choices = type.subtypes().stream()
                        .filter(s -> declarations.allows("POST", s.apiPath()))
                        .map(s -> new Choice(s.label(), "", type.listHref() + "new/?type=" + s.name())).toList();
                r.page(200, CHOOSE, "New " + type.label().toLowerCase(java.util.Locale.ROOT), type.slug(),
                        new ChoosePage("Create " + type.label().toLowerCase(java.util.Locale.ROOT) + ": choose its type",
                                choices, type.listHref()));
                return;
            }
        }
        Optional<Subtype> sub = chosenSubtype(r, type);
        Optional<Definition<?>> def = declarations.of("POST", sub.map(Subtype::apiPath).orElse(type.apiPath()));
        if (def.isEmpty()) {
            r.notFound();
            return;
        }
        List<FormField> fields = FormFields.of(def.get(), def.get().defaults(), new Pickers(r), Map.of());
        showForm(r, type, "Create " + sub.map(Subtype::label).orElse(type.label()),
                type.listHref() + "new/" + sub.map(s -> "?type=" + s.name()).orElse(""), fields, List.of(), "Create",
                type.listHref());
    }

    private void create(AdminRequest r, ObjectType type) {
        Optional<Subtype> sub = chosenSubtype(r, type);
        if (type.hasSubtypes() && sub.isEmpty()) {
            r.notFound();
            return;
        }
        String path = sub.map(Subtype::apiPath).orElse(type.apiPath());
        Optional<Definition<?>> def = declarations.of("POST", path);
        if (def.isEmpty()) {
            r.notFound();
            return;
        }
        submit(r, type, def.get(), "POST", path, "Create " + sub.map(Subtype::label).orElse(type.label()),
                type.listHref() + "new/" + sub.map(s -> "?type=" + s.name()).orElse(""), "Create", type.listHref(), null);
    }

    // ---- edit

    private void editForm(AdminRequest r, ObjectType type) {
        Optional<Loaded> loaded = load(r, type, r.param("key"));
        Optional<Definition<?>> def = loaded.flatMap(l -> changeDefinition(type, l.subtype()));
        if (def.isEmpty()) {
            r.notFound();
            return;
        }
        Loaded l = loaded.get();
        List<FormField> fields = FormFields.of(def.get(), l.view(), new Pickers(r), Map.of());
        showForm(r, type, "Edit " + Values.text(l.view().get(type.titleField())), type.href(l.key()) + "edit/", fields,
                List.of(), "Update", type.href(l.key()));
    }

    private void edit(AdminRequest r, ObjectType type) {
        Optional<Loaded> loaded = load(r, type, r.param("key"));
        Optional<Definition<?>> def = loaded.flatMap(l -> changeDefinition(type, l.subtype()));
        if (def.isEmpty()) {
            r.notFound();
            return;
        }
        Loaded l = loaded.get();
        submit(r, type, def.get(), "PATCH", type.itemPath(l.subtype(), l.key()),
                "Edit " + Values.text(l.view().get(type.titleField())), type.href(l.key()) + "edit/", "Update",
                type.href(l.key()), l.view());
    }

    /**
     * Sends the form to the API; on success goes to the object's page, on a 400 shows the form again with each
     * error beside its input (and errors of no shown field above the form).
     */
    private void submit(AdminRequest r, ObjectType type, Definition<?> def, String method, String path, String heading,
                        String action, String submit, String cancel, Map<String, Object> current) {
        FormFields.Body body = FormFields.body(def, r.form(), method.equals("POST") ? Write.CREATE : Write.UPDATE);
        Answer a = body.errors().isEmpty() ? r.send(method, path, body.values()) : null;
        if (a != null && a.ok()) {
            Object key = a.object().get(type.keyField());
            r.redirect(key == null ? type.listHref() : type.href(key));
            return;
        }
        Map<String, List<String>> errors = a == null ? body.errors() : Values.fieldErrors(a);
        if (a != null && a.status() != 400) {
            errors = Map.of("non_field_errors", List.of(a.detail()));
        }
        List<FormField> shown = FormFields.of(def, current == null ? def.defaults() : current, new Pickers(r),
                Map.of());
        List<FormField> fields = FormFields.reshown(shown, r.form(), errors);
        List<String> general = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : errors.entrySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(e.getKey()))) {
                String prefix = e.getKey().equals("non_field_errors") || e.getKey().equals("detail") ? ""
                        : e.getKey() + ": ";
                e.getValue().forEach(m -> general.add(prefix + m));
            }
        }
        showForm(r, type, heading, action, fields, general, submit, cancel, 400);
    }

    private static void showForm(AdminRequest r, ObjectType type, String heading, String action, List<FormField> fields,
                                 List<String> errors, String submit, String cancel) {
        showForm(r, type, heading, action, fields, errors, submit, cancel, 200);
    }

    private static void showForm(AdminRequest r, ObjectType type, String heading, String action, List<FormField> fields,
                                 List<String> errors, String submit, String cancel, int status) {
        r.page(status, FORM, heading, type.slug(), new FormPage(heading, action, fields, errors, submit, cancel));
    }

    // ---- delete

    private void confirmDelete(AdminRequest r, ObjectType type) {
        Optional<Loaded> loaded = load(r, type, r.param("key"));
        if (loaded.isEmpty()) {
            r.notFound();
            return;
        }
        String title = Values.text(loaded.get().view().get(type.titleField()));
        r.page(200, CONFIRM, "Delete " + title, type.slug(), new ConfirmPage("Delete " + type.label().toLowerCase(
                java.util.Locale.ROOT) + " " + title + "?", "This cannot be undone.",
                type.href(loaded.get().key()) + "delete/", "Delete", type.href(loaded.get().key())));
    }

    private void delete(AdminRequest r, ObjectType type) {
        Optional<Loaded> loaded = load(r, type, r.param("key"));
        if (loaded.isEmpty()) {
            r.notFound();
            return;
        }
        Answer a = r.send("DELETE", type.itemPath(loaded.get().subtype(), loaded.get().key()), null);
        if (!a.ok()) {
            r.failed(a);
            return;
        }
        r.redirect(type.listHref());
    }
}
