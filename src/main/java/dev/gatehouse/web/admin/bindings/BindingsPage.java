package dev.gatehouse.web.admin.bindings;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.policy.PolicyBindingChanges;
import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.admin.AdminPages;
import dev.gatehouse.web.admin.Pickers;
import dev.gatehouse.web.admin.AdminRequest;
import dev.gatehouse.web.admin.AdminRoutes;
import dev.gatehouse.web.admin.FormField;
import dev.gatehouse.web.admin.FormFields;
import dev.gatehouse.web.admin.ObjectPage.ConfirmPage;
import dev.gatehouse.web.admin.ObjectPages;
import dev.gatehouse.web.admin.ObjectType;
import dev.gatehouse.web.admin.ObjectTypes;
import dev.gatehouse.web.admin.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /if/admin/bindings/<target pk>/}: the policy, group and user bindings of a flow, a flow-stage binding or
 * an application, in order: bind an existing policy, group or user (the form is the API's declaration of a
 * policy binding, with the target fixed), change a binding's order, and remove one after a confirmation.
 * Everything goes through {@code policies/bindings/}, so the API's rules apply unchanged.
 */
public final class BindingsPage implements AdminPages {
    public static final String ROOT = "/if/admin/bindings/";
    static final String TEMPLATE = "dev/gatehouse/web/admin/bindings/bindings.jte";
    private static final String API = "policies/bindings/";
    private static final Definition<?> DEFINITION = PolicyBindingChanges.DEFINITION;

    /** One binding as a table row; {@code orderValue} and {@code orderErrors} show a refused order change. */
    public record Row(String pk, int order, String kind, String name, String href, boolean enabled, boolean negate,
                      int timeout, String orderAction, String orderValue, List<String> orderErrors, String deleteHref) {
        public String orderId() {
            return "order-" + pk;
        }
    }

    public record Page(BindingTarget target, List<Row> rows, List<FormField> fields, List<String> errors,
                       String bindAction, String notice) {
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.get("bindings/{target}/", r -> withTarget(r, this::show))
                .post("bindings/{target}/", r -> withTarget(r, this::bind))
                .post("bindings/{target}/{binding}/order/", r -> withTarget(r, this::reorder))
                .get("bindings/{target}/{binding}/delete/", r -> withTarget(r, this::confirmRemove))
                .post("bindings/{target}/{binding}/delete/", r -> withTarget(r, this::remove));
    }

    private interface TargetHandler {
        void handle(AdminRequest r, BindingTarget target);
    }

    private static void withTarget(AdminRequest r, TargetHandler h) {
        Optional<BindingTarget> t = BindingTarget.find(r, r.param("target"));
        if (t.isEmpty()) {
            r.notFound();
            return;
        }
        h.handle(r, t.get());
    }

    private void show(AdminRequest r, BindingTarget t) {
        Pickers choices = new Pickers(r);
        List<Map<String, Object>> bindings = bindings(r, t);
        Map<String, Object> values = new LinkedHashMap<>(DEFINITION.defaults());
        values.put("order", nextOrder(bindings));
        render(r, t, 200, rows(t, bindings, choices, null, null, List.of()), form(values, choices, Map.of()),
                List.of(), "done".equals(r.query("saved")) ? "Saved." : null);
    }

    private void bind(AdminRequest r, BindingTarget t) {
        FormFields.Body body = FormFields.body(DEFINITION, r.form());
        Map<String, Object> values = new LinkedHashMap<>(body.values());
        values.put("target", t.pk().toString());
        Answer a = body.errors().isEmpty() ? r.send("POST", API, values) : null;
        if (a != null && a.ok()) {
            r.redirect(BindingTarget.href(t.pk()) + "?saved=done");
            return;
        }
        Map<String, List<String>> errors = a == null ? body.errors() : Values.fieldErrors(a);
        if (a != null && a.status() != 400) {
            errors = Map.of("non_field_errors", List.of(a.detail()));
        }
        Pickers choices = new Pickers(r);
        List<FormField> fields = FormFields.reshown(form(DEFINITION.defaults(), choices, Map.of()), r.form(), errors);
        render(r, t, 400, rows(t, bindings(r, t), choices, null, null, List.of()), fields, general(errors, fields), null);
    }

    private void reorder(AdminRequest r, BindingTarget t) {
        Optional<Map<String, Object>> b = binding(r, t);
        if (b.isEmpty()) {
            r.notFound();
            return;
        }
        String typed = r.form().first("order", "");
        Object order = number(typed);
        Answer a = r.send("PATCH", API + b.get().get("pk") + "/", Map.of("order", order));
        if (a.ok()) {
            r.redirect(BindingTarget.href(t.pk()) + "?saved=done");
            return;
        }
        if (a.status() != 400) {
            r.failed(a);
            return;
        }
        List<String> messages = Values.fieldErrors(a).values().stream().flatMap(List::stream).toList();
        Pickers choices = new Pickers(r);
        Map<String, Object> values = new LinkedHashMap<>(DEFINITION.defaults());
        List<Map<String, Object>> all = bindings(r, t);
        values.put("order", nextOrder(all));
        render(r, t, 400, rows(t, all, choices, String.valueOf(b.get().get("pk")), typed, messages),
                form(values, choices, Map.of()), List.of(), null);
    }

    private void confirmRemove(AdminRequest r, BindingTarget t) {
        Optional<Map<String, Object>> b = binding(r, t);
        if (b.isEmpty()) {
            r.notFound();
            return;
        }
        Row row = rows(t, List.of(b.get()), new Pickers(r), null, null, List.of()).getFirst();
        r.page(200, ObjectPages.CONFIRM, "Remove binding", t.navKey(), new ConfirmPage("Remove the binding of "
                + row.kind().toLowerCase(java.util.Locale.ROOT) + " " + row.name() + " from " + t.title() + "?",
                "The " + row.kind().toLowerCase(java.util.Locale.ROOT) + " itself stays; only this binding is removed.",
                row.deleteHref(), "Remove", BindingTarget.href(t.pk())));
    }

    private void remove(AdminRequest r, BindingTarget t) {
        Optional<Map<String, Object>> b = binding(r, t);
        if (b.isEmpty()) {
            r.notFound();
            return;
        }
        Answer a = r.send("DELETE", API + b.get().get("pk") + "/", null);
        if (!a.ok()) {
            r.failed(a);
            return;
        }
        r.redirect(BindingTarget.href(t.pk()) + "?saved=done");
    }

    // ---- helpers

    /** The binding named in the path, only when it belongs to this target. */
    private static Optional<Map<String, Object>> binding(AdminRequest r, BindingTarget t) {
        String pk = r.param("binding");
        try {
            java.util.UUID.fromString(pk);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Answer a = r.get(API + pk + "/");
        if (!a.ok() || !t.pk().toString().equals(String.valueOf(a.object().get("target")))) {
            return Optional.empty();
        }
        return Optional.of(a.object());
    }

    static List<Map<String, Object>> bindings(AdminRequest r, BindingTarget t) {
        return r.get(API, Map.of("target", t.pk().toString(), "ordering", "order", "page_size", "1000")).results();
    }

    private static long nextOrder(List<Map<String, Object>> bindings) {
        long max = -10;
        for (Map<String, Object> b : bindings) {
            if (b.get("order") instanceof Number n) {
                max = Math.max(max, n.longValue());
            }
        }
        return max + 10;
    }

    private static List<FormField> form(Map<String, Object> values, Pickers choices,
                                        Map<String, List<String>> errors) {
        return FormFields.of(DEFINITION, values, choices::options, errors).stream()
                .filter(f -> !f.name().equals("target")).toList();
    }

    private static List<String> general(Map<String, List<String>> errors, List<FormField> fields) {
        List<String> out = new ArrayList<>();
        errors.forEach((field, messages) -> {
            if (fields.stream().noneMatch(f -> f.name().equals(field))) {
                String prefix = field.equals("non_field_errors") || field.equals("detail") ? "" : field + ": ";
                messages.forEach(m -> out.add(prefix + m));
            }
        });
        return out;
    }

    private static List<Row> rows(BindingTarget t, List<Map<String, Object>> bindings, Pickers choices,
                                  String refusedPk, String refusedValue, List<String> refusedErrors) {
        List<Row> out = new ArrayList<>();
        for (Map<String, Object> b : bindings) {
            String kind;
            ObjectType type;
            Object ref;
            if (b.get("policy") != null) {
                kind = "Policy";
                type = ObjectTypes.POLICIES;
                ref = b.get("policy");
            } else if (b.get("group") != null) {
                kind = "Group";
                type = ObjectTypes.GROUPS;
                ref = b.get("group");
            } else {
                kind = "User";
                type = ObjectTypes.USERS;
                ref = b.get("user");
            }
            Map<String, Object> subject = choices.find(type, ref);
            String name = subject == null ? String.valueOf(ref) : Pickers.label(type, subject);
            String pk = String.valueOf(b.get("pk"));
            int order = b.get("order") instanceof Number n ? n.intValue() : 0;
            boolean refused = pk.equals(refusedPk);
            String base = BindingTarget.href(t.pk()) + pk + "/";
            out.add(new Row(pk, order, kind, name, ref == null ? null : type.href(ref), Boolean.TRUE.equals(b.get("enabled")),
                    Boolean.TRUE.equals(b.get("negate")), b.get("timeout") instanceof Number n ? n.intValue() : 0,
                    base + "order/", refused ? refusedValue : String.valueOf(order),
                    refused ? refusedErrors : List.of(), base + "delete/"));
        }
        return out;
    }

    private static void render(AdminRequest r, BindingTarget t, int status, List<Row> rows, List<FormField> fields,
                               List<String> errors, String notice) {
        r.page(status, TEMPLATE, "Policy / Group / User Bindings of " + t.title(), t.navKey(),
                new Page(t, rows, fields, errors, BindingTarget.href(t.pk()), notice));
    }

    /** A whole number as a number, anything else as typed (the API then says what is wrong with it). */
    static Object number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return s;
        }
    }
}
