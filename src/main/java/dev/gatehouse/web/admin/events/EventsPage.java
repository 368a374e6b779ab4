package dev.gatehouse.web.admin.events;

import dev.gatehouse.core.EventStore;
import dev.gatehouse.core.Json;
import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.admin.AdminPages;
import dev.gatehouse.web.admin.AdminRequest;
import dev.gatehouse.web.admin.AdminRoutes;
import dev.gatehouse.web.admin.FormField.Option;
import dev.gatehouse.web.admin.ObjectTypes;
import dev.gatehouse.web.admin.Values;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events → Logs, {@code /if/admin/events/}: the audit log newest first, filtered by action, user, the application
 * an event authorized, and a date range, with paging; {@code /if/admin/events/<pk>/} shows one event and its
 * context as JSON. Both read {@code events/events/}, whose filters do the work.
 */
public final class EventsPage implements AdminPages {
    static final String LIST = "dev/gatehouse/web/admin/events/events.jte";
    static final String DETAIL = "dev/gatehouse/web/admin/events/event.jte";
    private static final String API = "events/events/";
    private static final String NAV = ObjectTypes.EVENTS.slug();
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** authentik's event actions, in its order: the action filter offers these. */
    public static final List<String> ACTIONS = List.of("login", "login_failed", "logout", "user_write",
            "suspicious_request", "password_set", "secret_view", "secret_rotate", "invitation_used",
            "authorize_application", "source_linked", "impersonation_started", "impersonation_ended",
            "flow_execution", "policy_execution", "policy_exception", "property_mapping_exception",
            "system_task_execution", "system_task_exception", "system_exception", "configuration_error",
            "model_created", "model_updated", "model_deleted", "email_sent", "update_available", "custom_");

    /** The filters as entered; {@code errors} holds the API's complaints by input name. */
    public record Filters(String action, String username, String app, String from, String to,
                          Map<String, List<String>> errors) {
        public List<String> errorsOf(String input) {
            return errors.getOrDefault(input, List.of());
        }

        boolean any() {
            return !(action.isEmpty() && username.isEmpty() && app.isEmpty() && from.isEmpty() && to.isEmpty());
        }
    }

    public record Row(String href, String created, String action, String username, String userHref, String clientIp,
                      String application) {
    }

    public record ListPage(Filters filters, List<Option> actions, List<Option> applications, List<Row> rows, long count,
                           int page, int totalPages, String previous, String next, boolean filtered) {
    }

    /** A shown field of an event. */
    public record Property(String label, String value, String href) {
    }

    public record DetailPage(String action, String created, List<Property> properties, String context, String user,
                             String brand) {
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.get("events/", this::list).get("events/{key}/", this::detail);
    }

    private void list(AdminRequest r) {
        Filters f = new Filters(text(r.query("action")), text(r.query("username")), text(r.query("app")),
                text(r.query("from")), text(r.query("to")), Map.of());
        int page = positive(r.query("page"));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("action", f.action());
        query.put("username", f.username());
        query.put(EventStore.AUTHORIZED_APP, f.app());
        query.put(EventStore.CREATED_FROM, f.from());
        query.put(EventStore.CREATED_TO, f.to());
        query.put("page", String.valueOf(page));
        Answer a = r.get(API, query);
        if (a.status() == 404 && page > 1) {
            r.redirect(href(f, 1));
            return;
        }
        List<Option> applications = r.get(ObjectTypes.APPLICATIONS.apiPath(), Map.of("page_size", "1000", "ordering", "name")).results()
                .stream().map(o -> new Option(String.valueOf(o.get("pk")), String.valueOf(o.get("name")))).toList();
        List<Option> actions = ACTIONS.stream().map(x -> new Option(x, x)).toList();
        if (a.status() == 400) {
            Map<String, List<String>> errors = new LinkedHashMap<>();
            Map<String, String> inputs = Map.of(EventStore.CREATED_FROM, "from", EventStore.CREATED_TO, "to",
                    EventStore.AUTHORIZED_APP, "app");
            Values.fieldErrors(a).forEach((k, v) -> errors.put(inputs.getOrDefault(k, k), v));
            r.page(400, LIST, "Logs", NAV, new ListPage(new Filters(f.action(), f.username(), f.app(), f.from(), f.to(),
                    errors), actions, applications, List.of(), 0, 1, 1, null, null, true));
            return;
        }
        if (!a.ok()) {
            r.failed(a);
            return;
        }
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> e : a.results()) {
            Object user = Values.at(e, "user.username");
            Object userPk = Values.at(e, "user.pk");
            Object app = Values.at(e, "context.authorized_application.name");
            rows.add(new Row(ObjectTypes.EVENTS.href(e.get("pk")), shown(e.get("created")), String.valueOf(e.get("action")),
                    user == null ? "—" : String.valueOf(user), userPk instanceof Number ? ObjectTypes.USERS.href(userPk) : null,
                    Values.text(e.get("client_ip")), app == null ? "" : String.valueOf(app)));
        }
        Map<String, Object> p = a.pagination();
        int current = p.get("current") instanceof Number n ? n.intValue() : page;
        int total = Math.max(1, p.get("total_pages") instanceof Number n ? n.intValue() : 1);
        long count = p.get("count") instanceof Number n ? n.longValue() : rows.size();
        r.page(200, LIST, "Logs", NAV, new ListPage(f, actions, applications, rows, count, current, total,
                current > 1 ? href(f, current - 1) : null, current < total ? href(f, current + 1) : null, f.any()));
    }

    private void detail(AdminRequest r) {
        String key = r.param("key");
        try {
            java.util.UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            r.notFound();
            return;
        }
        Answer a = r.get(API + key + "/");
        if (!a.ok()) {
            r.failed(a);
            return;
        }
        Map<String, Object> e = a.object();
        List<Property> props = new ArrayList<>();
        props.add(new Property("Action", String.valueOf(e.get("action")), null));
        props.add(new Property("Created", shown(e.get("created")), null));
        Object username = Values.at(e, "user.username");
        Object userPk = Values.at(e, "user.pk");
        props.add(new Property("User", username == null ? "—" : String.valueOf(username),
                userPk instanceof Number ? ObjectTypes.USERS.href(userPk) : null));
        props.add(new Property("Client IP", Values.text(e.get("client_ip")), null));
        Object app = Values.at(e, "context.authorized_application.name");
        if (app != null) {
            Object pk = Values.at(e, "context.authorized_application.pk");
            props.add(new Property("Application", String.valueOf(app),
                    pk == null ? null : ObjectTypes.APPLICATIONS.listHref() + "ref/" + pk + "/"));
        }
        props.add(new Property("Module", Values.text(e.get("app")), null));
        props.add(new Property("Expires", shown(e.get("expires")), null));
        r.page(200, DETAIL, "Event " + e.get("action"), NAV, new DetailPage(String.valueOf(e.get("action")),
                shown(e.get("created")), props, pretty(e.get("context")), pretty(e.get("user")), pretty(e.get("brand"))));
    }

    static String pretty(Object v) {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(v == null ? Map.of() : v);
    }

    private static String shown(Object iso) {
        if (iso == null) {
            return "—";
        }
        try {
            return SHOWN.format(Instant.parse(String.valueOf(iso)));
        } catch (DateTimeParseException e) {
            return String.valueOf(iso);
        }
    }

    private static String text(String s) {
        return s == null ? "" : s.trim();
    }

    private static int positive(String s) {
        try {
            return s == null ? 1 : Math.max(1, Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The list with these filters at {@code page}. */
    static String href(Filters f, int page) {
        StringBuilder q = new StringBuilder();
        append(q, "action", f.action());
        append(q, "username", f.username());
        append(q, "app", f.app());
        append(q, "from", f.from());
        append(q, "to", f.to());
        q.append("page=").append(page);
        return ObjectTypes.EVENTS.listHref() + "?" + q;
    }

    private static void append(StringBuilder q, String name, String value) {
        if (!value.isEmpty()) {
            q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
        }
    }
}
