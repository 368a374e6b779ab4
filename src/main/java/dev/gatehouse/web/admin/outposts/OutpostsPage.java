package dev.gatehouse.web.admin.outposts;

import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.admin.AdminPages;
import dev.gatehouse.web.admin.AdminRequest;
import dev.gatehouse.web.admin.AdminRoutes;
import dev.gatehouse.web.admin.ObjectTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /if/admin/outposts/}, in place of the generic list: each outpost with the providers it serves and their
 * applications (linked), and the embedded outpost's "Logging in via …" status: green with its
 * {@code authentik_host}, red with the fix when that is unset. Editing stays the generic form
 * ({@code outposts/<pk>/edit/}).
 */
public final class OutpostsPage implements AdminPages {
    private static final String TEMPLATE = "dev/gatehouse/web/admin/outposts/outposts.jte";
    static final String EMBEDDED = "goauthentik.io/outposts/embedded";
    static final String FIX = "Set authentik_host in the outpost's configuration to the URL browsers use to reach "
            + "Gatehouse, e.g. https://auth.example.com";

    /** The page: every outpost, the embedded one first. */
    public record Page(List<OutpostView> outposts, String createHref) {
    }

    /**
     * One outpost; {@code host} is its {@code authentik_host} (blank when unset), shown as the status of the
     * embedded outpost.
     */
    public record OutpostView(String key, String name, String href, String editHref, String type, boolean embedded, String host,
                              List<Served> providers) {
        public boolean hostSet() {
            return host != null && !host.isBlank();
        }

        public String fix() {
            return FIX;
        }
    }

    /** A provider the outpost serves, and the application using it (null names when none does). */
    public record Served(String name, String href, String applicationName, String applicationHref) {
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.get("outposts/", this::list);
    }

    private void list(AdminRequest r) {
        Answer a = r.get(ObjectTypes.OUTPOSTS.apiPath(), Map.of("page_size", "1000", "ordering", "name"));
        if (!a.ok()) {
            r.failed(a);
            return;
        }
        Map<String, Map<String, Object>> providers = new HashMap<>();
        for (Map<String, Object> p : r.get(ObjectTypes.PROVIDERS.apiPath(), Map.of("page_size", "1000")).results()) {
            providers.put(String.valueOf(p.get("pk")), p);
        }
        List<OutpostView> out = new ArrayList<>();
        for (Map<String, Object> o : a.results()) {
            boolean embedded = EMBEDDED.equals(o.get("managed"));
            String host = o.get("config") instanceof Map<?, ?> c && c.get("authentik_host") != null
                    ? String.valueOf(c.get("authentik_host")) : "";
            List<Served> served = new ArrayList<>();
            if (o.get("providers") instanceof List<?> pks) {
                for (Object pk : pks) {
                    Map<String, Object> p = providers.getOrDefault(String.valueOf(pk), Map.of());
                    Object slug = p.get("assigned_application_slug");
                    served.add(new Served(p.get("name") == null ? "Provider " + pk : String.valueOf(p.get("name")),
                            ObjectTypes.PROVIDERS.href(pk),
                            slug == null ? null : String.valueOf(p.getOrDefault("assigned_application_name", slug)),
                            slug == null ? null : ObjectTypes.APPLICATIONS.href(slug)));
                }
            }
            Object pk = o.get("pk");
            out.add(new OutpostView(String.valueOf(pk), String.valueOf(o.get("name")), ObjectTypes.OUTPOSTS.href(pk),
                    ObjectTypes.OUTPOSTS.href(pk) + "edit/", String.valueOf(o.get("type")), embedded, host, served));
        }
        out.sort((x, y) -> Boolean.compare(y.embedded(), x.embedded()));
        r.page(200, TEMPLATE, "Outposts", ObjectTypes.OUTPOSTS.slug(),
                new Page(out, ObjectTypes.OUTPOSTS.listHref() + "new/"));
    }
}
