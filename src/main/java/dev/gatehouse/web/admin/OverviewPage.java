package dev.gatehouse.web.admin;

import dev.gatehouse.web.admin.AdminApi.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Dashboards → Overview: how many objects of each kind exist, each linking to its list. */
public final class OverviewPage implements AdminPages {
    static final String TEMPLATE = "dev/gatehouse/web/admin/overview.jte";

    /** A count of one kind of object. */
    public record Count(String label, long count, String href) {
    }

    public record Page(List<Count> counts) {
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.get("", this::overview);
    }

    private void overview(AdminRequest r) {
        List<Count> counts = new ArrayList<>();
        for (ObjectType t : List.of(ObjectTypes.USERS, ObjectTypes.GROUPS, ObjectTypes.APPLICATIONS, ObjectTypes.PROVIDERS,
                ObjectTypes.FLOWS, ObjectTypes.POLICIES)) {
            Answer a = r.get(t.apiPath(), Map.of("page_size", "1"));
            counts.add(new Count(t.plural(), Values.integer(a.pagination().get("count"), 0), t.listHref()));
        }
        r.page(200, TEMPLATE, "Overview", Navigation.OVERVIEW, new Page(counts));
    }
}
