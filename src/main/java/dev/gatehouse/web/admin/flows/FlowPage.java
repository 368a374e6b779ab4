package dev.gatehouse.web.admin.flows;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.flow.FlowBindingChanges;
import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.admin.AdminPages;
import dev.gatehouse.web.admin.AdminRequest;
import dev.gatehouse.web.admin.AdminRoutes;
import dev.gatehouse.web.admin.Declarations;
import dev.gatehouse.web.admin.FormField;
import dev.gatehouse.web.admin.FormFields;
import dev.gatehouse.web.admin.ObjectPage.ConfirmPage;
import dev.gatehouse.web.admin.ObjectPages;
import dev.gatehouse.web.admin.ObjectTypes;
import dev.gatehouse.web.admin.Values;
import dev.gatehouse.web.admin.bindings.BindingTarget;
import dev.gatehouse.web.admin.Pickers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /if/admin/flows/<slug>/}: a flow's properties and its stage bindings in order. Bind an existing stage
 * (the form is the API's declaration of a flow-stage binding, with the flow fixed), move a binding up or down or
 * give it another order, remove one after a confirmation, reach each binding's policy bindings, and run the
 * flow. Edit and delete stay the generic pages. Every change goes through {@code flows/bindings/}.
 */
public final class FlowPage implements AdminPages {
    static final String TEMPLATE = "dev/gatehouse/web/admin/flows/flow.jte";
    private static final String API = "flows/bindings/";
    private static final Definition<?> DEFINITION = FlowBindingChanges.DEFINITION;
    private static final String NAV = ObjectTypes.FLOWS.slug();
    private static final Set<String> HIDDEN = Set.of("pk", "policybindingmodel_ptr_id", "stages");
    private final Declarations declarations;

    public FlowPage(Declarations declarations) {
        this.declarations = declarations;
    }

    /** A property of the flow as shown. */
    public record Property(String label, String value) {
    }

    /** One stage binding as a table row. */
    public record Row(String pk, int order, String stageName, String stageType, String stageHref, String moveAction,
                      boolean first, boolean last, String orderAction, String orderValue, List<String> orderErrors,
                      String policiesHref, long policyCount, String deleteHref) {
        public String orderId() {
            return "order-" + pk;
        }
    }

    public record Page(String name, String slug, List<Property> properties, List<Row> rows, List<FormField> fields,
                       List<String> errors, String bindAction, String editHref, String deleteHref, String runHref,
                       String policiesHref, long flowPolicyCount, String notice) {
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.get("flows/{key}/", r -> withFlow(r, this::show))
                .post("flows/{key}/bindings/", r -> withFlow(r, this::bind))
                .post("flows/{key}/bindings/{binding}/move/", r -> withFlow(r, this::move))
                .post("flows/{key}/bindings/{binding}/order/", r -> withFlow(r, this::reorder))
                .get("flows/{key}/bindings/{binding}/delete/", r -> withFlow(r, this::confirmRemove))
                .post("flows/{key}/bindings/{binding}/delete/", r -> withFlow(r, this::remove));
    }

    private interface FlowHandler {
        void handle(AdminRequest r, Map<String, Object> flow);
    }

    private void withFlow(AdminRequest r, FlowHandler h) {
        String key = r.param("key");
        Answer a = r.get(ObjectTypes.FLOWS.itemPath(null, key));
        if (!a.ok()) {
            r.notFound();
            return;
        }
        h.handle(r, a.object());
    }

    private static String href(Map<String, Object> flow) {
        return ObjectTypes.FLOWS.href(flow.get("slug"));
    }

    private void show(AdminRequest r, Map<String, Object> flow) {
        Pickers choices = new Pickers(r);
        List<Map<String, Object>> bindings = bindings(r, flow);
        render(r, flow, 200, rows(r, flow, bindings, choices, null, null, List.of()),
                form(newValues(bindings), choices), List.of(), "done".equals(r.query("saved")) ? "Saved." : null);
    }

    private void bind(AdminRequest r, Map<String, Object> flow) {
        FormFields.Body body = FormFields.body(DEFINITION, r.form());
        Map<String, Object> values = new LinkedHashMap<>(body.values());
        values.put("target", String.valueOf(flow.get("pk")));
        Answer a = body.errors().isEmpty() ? r.send("POST", API, values) : null;
        if (a != null && a.ok()) {
            r.redirect(href(flow) + "?saved=done");
            return;
        }
        Map<String, List<String>> errors = a == null ? body.errors() : Values.fieldErrors(a);
        if (a != null && a.status() != 400) {
            errors = Map.of("non_field_errors", List.of(a.detail()));
        }
        Pickers choices = new Pickers(r);
        List<Map<String, Object>> bindings = bindings(r, flow);
        List<FormField> fields = FormFields.reshown(form(newValues(bindings), choices), r.form(), errors);
        List<String> general = new ArrayList<>();
        errors.forEach((field, messages) -> {
            if (fields.stream().noneMatch(f -> f.name().equals(field))) {
                String prefix = field.equals("non_field_errors") || field.equals("detail") ? "" : field + ": ";
                messages.forEach(m -> general.add(prefix + m));
            }
        });
        render(r, flow, 400, rows(r, flow, bindings, choices, null, null, List.of()), fields, general, null);
    }

    /**
     * Swaps the binding's order with its neighbour's: the binding first moves to a free order past the last one, then
     * the neighbour takes its place, then it takes the neighbour's, so no step leaves two stages at one order.
     */
    private void move(AdminRequest r, Map<String, Object> flow) {
        List<Map<String, Object>> bindings = bindings(r, flow);
        int i = indexOf(bindings, r.param("binding"));
        if (i < 0) {
            r.notFound();
            return;
        }
        int j = "up".equals(r.form().first("direction")) ? i - 1 : i + 1;
        if (j < 0 || j >= bindings.size()) {
            r.redirect(href(flow));
            return;
        }
        Map<String, Object> a = bindings.get(i);
        Map<String, Object> b = bindings.get(j);
        long free = bindings.stream().mapToLong(x -> order(x)).max().orElse(0) + 1;
        for (Object[] step : new Object[][] {{a, free}, {b, order(a)}, {a, order(b)}}) {
            @SuppressWarnings("unchecked")
            Map<String, Object> which = (Map<String, Object>) step[0];
            Answer answer = r.send("PATCH", API + which.get("pk") + "/", Map.of("order", step[1]));
            if (!answer.ok()) {
                r.failed(answer);
                return;
            }
        }
        r.redirect(href(flow) + "?saved=done#stage-bindings");
    }

    private void reorder(AdminRequest r, Map<String, Object> flow) {
        List<Map<String, Object>> bindings = bindings(r, flow);
        int i = indexOf(bindings, r.param("binding"));
        if (i < 0) {
            r.notFound();
            return;
        }
        String typed = r.form().first("order", "");
        Answer a = r.send("PATCH", API + bindings.get(i).get("pk") + "/", Map.of("order", number(typed)));
        if (a.ok()) {
            r.redirect(href(flow) + "?saved=done#stage-bindings");
            return;
        }
        if (a.status() != 400) {
            r.failed(a);
            return;
        }
        List<String> messages = Values.fieldErrors(a).values().stream().flatMap(List::stream).toList();
        Pickers choices = new Pickers(r);
        render(r, flow, 400, rows(r, flow, bindings, choices, String.valueOf(bindings.get(i).get("pk")), typed, messages),
                form(newValues(bindings), choices), List.of(), null);
    }

    private void confirmRemove(AdminRequest r, Map<String, Object> flow) {
        List<Map<String, Object>> bindings = bindings(r, flow);
        int i = indexOf(bindings, r.param("binding"));
        if (i < 0) {
            r.notFound();
            return;
        }
        Row row = rows(r, flow, List.of(bindings.get(i)), new Pickers(r), null, null, List.of()).getFirst();
        r.page(200, ObjectPages.CONFIRM, "Remove stage binding", NAV, new ConfirmPage("Remove stage " + row.stageName()
                + " (order " + row.order() + ") from flow " + flow.get("name") + "?",
                "The stage itself stays; this binding and its policy bindings are removed.", row.deleteHref(), "Remove",
                href(flow)));
    }

    private void remove(AdminRequest r, Map<String, Object> flow) {
        List<Map<String, Object>> bindings = bindings(r, flow);
        int i = indexOf(bindings, r.param("binding"));
        if (i < 0) {
            r.notFound();
            return;
        }
        Answer a = r.send("DELETE", API + bindings.get(i).get("pk") + "/", null);
        if (!a.ok()) {
            r.failed(a);
            return;
        }
        r.redirect(href(flow) + "?saved=done#stage-bindings");
    }

    // ---- helpers

    private static List<Map<String, Object>> bindings(AdminRequest r, Map<String, Object> flow) {
        return r.get(API, Map.of("target", String.valueOf(flow.get("pk")), "ordering", "order", "page_size", "1000"))
                .results();
    }

    private static int indexOf(List<Map<String, Object>> bindings, String pk) {
        for (int i = 0; i < bindings.size(); i++) {
            if (String.valueOf(bindings.get(i).get("pk")).equals(pk)) {
                return i;
            }
        }
        return -1;
    }

    private static long order(Map<String, Object> binding) {
        return binding.get("order") instanceof Number n ? n.longValue() : 0;
    }

    /** A new binding's form values: the declared defaults, and an order ten past the last. */
    private static Map<String, Object> newValues(List<Map<String, Object>> bindings) {
        Map<String, Object> values = new LinkedHashMap<>(DEFINITION.defaults());
        values.put("order", bindings.isEmpty() ? 10 : bindings.stream().mapToLong(FlowPage::order).max().orElse(0) + 10);
        return values;
    }

    private static List<FormField> form(Map<String, Object> values, Pickers choices) {
        return FormFields.of(DEFINITION, values, choices::options, Map.of()).stream()
                .filter(f -> !f.name().equals("target")).toList();
    }

    private static long count(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static Object number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return s;
        }
    }

    private static List<Row> rows(AdminRequest r, Map<String, Object> flow, List<Map<String, Object>> bindings,
                                  Pickers choices, String refusedPk, String refusedValue,
                                  List<String> refusedErrors) {
        List<Row> out = new ArrayList<>();
        String base = href(flow) + "bindings/";
        for (int i = 0; i < bindings.size(); i++) {
            Map<String, Object> b = bindings.get(i);
            String pk = String.valueOf(b.get("pk"));
            Map<String, Object> stage = choices.find(ObjectTypes.STAGES, b.get("stage"));
            String name = stage == null ? String.valueOf(b.get("stage")) : String.valueOf(stage.get("name"));
            String type = stage == null ? "" : ObjectTypes.STAGES.subtypeOf(stage).map(s -> s.label()).orElse("");
            long policies = count(r.get("policies/bindings/", Map.of("target", pk, "page_size", "1"))
                    .pagination().get("count"));
            boolean refused = pk.equals(refusedPk);
            out.add(new Row(pk, (int) order(b), name, type, ObjectTypes.STAGES.href(b.get("stage")),
                    base + pk + "/move/", i == 0, i == bindings.size() - 1, base + pk + "/order/",
                    refused ? refusedValue : String.valueOf(order(b)), refused ? refusedErrors : List.of(),
                    BindingTarget.href(pk), policies, base + pk + "/delete/"));
        }
        return out;
    }

    private static List<Property> properties(Map<String, Object> flow) {
        List<Property> out = new ArrayList<>();
        flow.forEach((k, v) -> {
            if (!HIDDEN.contains(k) && !k.endsWith("_obj")) {
                String words = k.replace('_', ' ');
                out.add(new Property(words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1), Values.text(v)));
            }
        });
        return out;
    }

    private void render(AdminRequest r, Map<String, Object> flow, int status, List<Row> rows, List<FormField> fields,
                        List<String> errors, String notice) {
        String pk = String.valueOf(flow.get("pk"));
        long flowPolicies = count(r.get("policies/bindings/", Map.of("target", pk, "page_size", "1"))
                .pagination().get("count"));
        String href = href(flow);
        r.page(status, TEMPLATE, "Flow " + flow.get("name"), NAV, new Page(String.valueOf(flow.get("name")),
                String.valueOf(flow.get("slug")), properties(flow), rows, fields, errors, href + "bindings/",
                declarations.allows("PATCH", Declarations.anyItem(ObjectTypes.FLOWS.apiPath())) ? href + "edit/" : null,
                declarations.allows("DELETE", Declarations.anyItem(ObjectTypes.FLOWS.apiPath())) ? href + "delete/" : null,
                "/if/flow/" + flow.get("slug") + "/", BindingTarget.href(pk), flowPolicies, notice));
    }
}
