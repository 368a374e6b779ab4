package dev.gatehouse.web.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin interface's routes, below {@code /if/admin/}: {@code {name}} segments match one path segment. Of the
 * routes that match, the one with the most fixed segments wins ({@code users/new/} over {@code users/{pk}/}); among
 * equally specific ones the first added, so hand-made pages are added before the generic object pages.
 */
public final class AdminRoutes {
    private record Route(String method, String[] segments, String template, AdminHandler handler) {
    }

    /** A matched route with its path parameters. */
    public record Match(AdminHandler handler, Map<String, String> params, String template) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** {@code template} is relative to {@code /if/admin/}, e.g. {@code users/{key}/}; {@code ""} is the root. */
    public AdminRoutes get(String template, AdminHandler handler) {
        return add("GET", template, handler);
    }

    public AdminRoutes post(String template, AdminHandler handler) {
        return add("POST", template, handler);
    }

    private AdminRoutes add(String method, String template, AdminHandler handler) {
        routes.add(new Route(method, split(template), template, handler));
        return this;
    }

    private static String[] split(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    public Optional<Match> match(String method, String relative) {
        String[] parts = split(relative);
        Match best = null;
        int bestFixed = -1;
        for (Route r : routes) {
            if (!r.method().equals(method) || r.segments().length != parts.length) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            boolean ok = true;
            int fixed = 0;
            for (int i = 0; i < parts.length && ok; i++) {
                String seg = r.segments()[i];
                if (seg.startsWith("{")) {
                    ok = !parts[i].isEmpty();
                    params.put(seg.substring(1, seg.length() - 1), parts[i]);
                } else {
                    ok = seg.equals(parts[i]);
                    fixed++;
                }
            }
            if (ok && fixed > bestFixed) {
                best = new Match(r.handler(), params, r.template());
                bestFixed = fixed;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether any route answers the path with another method (a 405 rather than a 404). */
    public boolean matchesOtherMethod(String method, String relative) {
        return match("GET".equals(method) ? "POST" : "GET", relative).isPresent();
    }
}
