package dev.gatehouse.web.admin.overview;

import dev.gatehouse.core.Version;
import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.admin.AdminPages;
import dev.gatehouse.web.admin.AdminRequest;
import dev.gatehouse.web.admin.AdminRoutes;
import dev.gatehouse.web.admin.Navigation;
import dev.gatehouse.web.admin.ObjectType;
import dev.gatehouse.web.admin.ObjectTypes;
import dev.gatehouse.web.admin.Values;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Dashboards → Overview, {@code /if/admin/}: how many objects of each kind exist (each linking to its list), the
 * last ten sign-ins and failed sign-ins from the audit log, the version, and whether the database is reachable
 * with its schema current (the check {@code /-/health/ready/} makes).
 */
public final class OverviewPage implements AdminPages {
    static final String TEMPLATE = "dev/gatehouse/web/admin/overview/overview.jte";
    private static final int RECENT = 10;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private final BooleanSupplier databaseHealthy;

    /** {@code databaseHealthy} is the readiness check: the database answers and its schema is current. */
    public OverviewPage(BooleanSupplier databaseHealthy) {
        this.databaseHealthy = databaseHealthy;
    }

    /** A count of one kind of object; {@code count} is null when it could not be read. */
    public record Count(String label, Long count, String href) {
    }

    /** A sign-in or failed sign-in. */
    public record Recent(String username, String clientIp, String when, String href) {
    }

    public record Page(List<Count> counts, List<Recent> logins, List<Recent> failures, String version,
                       boolean healthy, String eventsHref, String failuresHref, String loginsHref) {
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.get("", this::overview);
    }

    private void overview(AdminRequest r) {
        List<Count> counts = new ArrayList<>();
        for (ObjectType t : List.of(ObjectTypes.USERS, ObjectTypes.GROUPS, ObjectTypes.APPLICATIONS,
                ObjectTypes.PROVIDERS, ObjectTypes.FLOWS, ObjectTypes.POLICIES, ObjectTypes.OUTPOSTS)) {
            Answer a = r.get(t.apiPath(), Map.of("page_size", "1"));
            Object n = a.pagination().get("count");
            counts.add(new Count(t.plural(), a.ok() && n instanceof Number c ? c.longValue() : null, t.listHref()));
        }
        String events = ObjectTypes.EVENTS.listHref();
        r.page(200, TEMPLATE, "Overview", Navigation.OVERVIEW, new Page(counts, recent(r, "login"),
                recent(r, "login_failed"), Version.VALUE, databaseHealthy.getAsBoolean(), events,
                events + "?action=login_failed", events + "?action=login"));
    }

    /** The last ten events of {@code action}; a failed sign-in names the username that was tried. */
    private static List<Recent> recent(AdminRequest r, String action) {
        List<Recent> out = new ArrayList<>();
        for (Map<String, Object> e : r.get("events/events/", Map.of("action", action, "page_size",
                String.valueOf(RECENT))).results()) {
            Object user = Values.at(e, "user.username");
            if (user == null) {
                user = Values.at(e, "context.username");
            }
            out.add(new Recent(user == null ? "—" : String.valueOf(user), Values.text(e.get("client_ip")),
                    shown(e.get("created")), ObjectTypes.EVENTS.href(e.get("pk"))));
        }
        return out;
    }

    private static String shown(Object iso) {
        try {
            return SHOWN.format(Instant.parse(String.valueOf(iso)));
        } catch (DateTimeParseException e) {
            return String.valueOf(iso);
        }
    }
}
