package dev.gatehouse.web.admin;

import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.User;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.CurrentUser;
import dev.gatehouse.web.EntryPoints;
import dev.gatehouse.web.FormData;
import dev.gatehouse.web.RequestOrigins;
import dev.gatehouse.web.RouteName;
import dev.gatehouse.web.ui.Pages;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /if/admin/}: the admin interface, for superusers. Someone not signed in is sent to the brand's
 * login flow and back; a signed-in user who is no superuser gets a 403 page pointing to {@code /if/user/}.
 * Every post must carry the session's CSRF token. The pages themselves read and write through the API
 * ({@link AdminApi}); this class only gates and dispatches.
 */
public final class AdminInterface {
    public static final String ROOT = "/if/admin/";
    private static final String HERE = "dev/gatehouse/web/admin/";
    public static final String MESSAGE = HERE + "message.jte";
    private static final Logger LOG = Logger.getLogger(AdminInterface.class.getName());

    /** A page with a heading, a sentence, and one link onwards. */
    public record Message(String heading, String text, String href, String linkText) {
    }

    private final Database db;
    private final CurrentUser currentUser;
    private final Predicate<User> superuser;
    private final AdminApi api;
    private final RequestOrigins origins;
    private final EntryPoints entryPoints;
    private final AdminRoutes routes = new AdminRoutes();

    public AdminInterface(Database db, CurrentUser currentUser, Predicate<User> superuser, AdminApi api,
                          RequestOrigins origins, EntryPoints entryPoints, List<AdminPages> pages) {
        this.db = db;
        this.currentUser = currentUser;
        this.superuser = superuser;
        this.api = api;
        this.origins = origins;
        this.entryPoints = entryPoints;
        pages.forEach(p -> p.register(routes));
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/if/admin", (req, res) -> {
            res.status(301);
            res.header(HeaderNames.LOCATION, ROOT);
            res.send();
        });
        routing.any(ROOT, this::handle);
        routing.any(ROOT + "*", this::handle);
        routing.get("/static/admin.css", (req, res) -> {
            req.context().register(new RouteName("/static/admin.css"));
            try (var in = AdminInterface.class.getResourceAsStream("/static/admin.css")) {
                res.header(HeaderNames.CONTENT_TYPE, "text/css; charset=utf-8");
                res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
                res.send(in.readAllBytes());
            }
        });
    }

    private void handle(ServerRequest req, ServerResponse res) throws Exception {
        String method = req.prologue().method().text();
        String relative = req.path().path().substring(ROOT.length());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header("X-Frame-Options", "DENY");
        res.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; frame-ancestors 'none'; form-action 'self'");
        Optional<SessionService.Live> live = currentUser.live(req);
        if (live.isEmpty()) {
            req.context().register(new RouteName(ROOT + "<signed-out>"));
            res.status(302);
            res.header(HeaderNames.LOCATION, entryPoints.loginUrl(req.path().path()));
            res.send();
            return;
        }
        User user = live.get().user();
        String brand = new BrandStore(db.dsl()).titleForHost(origins.of(req).host());
        Chrome base = new Chrome("", brand, user.name().isBlank() ? user.username() : user.name(),
                currentUser.csrfToken(live.get()), "", Navigation.SECTIONS, entryPoints.logoutPage());
        if (!superuser.test(user)) {
            req.context().register(new RouteName(ROOT + "<forbidden>"));
            sendBare(res, 403, new AdminRequest(req, res, live.get(), Map.of(), FormData.parse(""), api,
                    origins.of(req), base), "Permission denied");
            return;
        }
        boolean post = method.equals("POST");
        Optional<AdminRoutes.Match> match = routes.match(method, relative);
        if (match.isEmpty()) {
            req.context().register(new RouteName(ROOT + "<unmatched>"));
            AdminRequest r = new AdminRequest(req, res, live.get(), Map.of(), FormData.parse(""), api, origins.of(req), base);
            if (routes.matchesOtherMethod(method, relative)) {
                res.header(HeaderNames.ALLOW, post ? "GET" : "POST");
                r.page(405, MESSAGE, "Not allowed", "", new Message("Not allowed", "This page cannot be " + (post ? "posted to." : "fetched."), ROOT, "Back to the overview"));
            } else {
                r.notFound();
            }
            return;
        }
        req.context().register(new RouteName(ROOT + match.get().template()));
        FormData form = post ? FormData.read(req) : FormData.parse("");
        AdminRequest r = new AdminRequest(req, res, live.get(), match.get().params(), form, api, origins.of(req), base);
        if (post && !currentUser.csrfMatches(live.get(), form.first("csrf"))) {
            r.page(403, MESSAGE, "Form expired", "", new Message("This form has expired",
                    "Go back, reload the page and submit it again.", ROOT, "Back to the overview"));
            return;
        }
        try {
            match.get().handler().handle(r);
        } catch (RuntimeException e) {
            if (dev.gatehouse.store.DatabaseAvailability.isOutage(e)) {
                r.page(503, MESSAGE, "Database unavailable", "", new Message("The database cannot be reached",
                        "Nothing was changed. Try again in a moment.", ROOT, "Back to the overview"));
                return;
            }
            LOG.log(Level.SEVERE, "admin page " + method + " " + ROOT + match.get().template() + " failed", e);
            r.page(500, MESSAGE, "Something went wrong", "", new Message("Something went wrong",
                    "The page could not be shown. The server log has the details.", ROOT, "Back to the overview"));
        }
    }

    /** The 403 for a signed-in user who is no superuser: no admin menu, a way to their own interface. */
    private static void sendBare(ServerResponse res, int status, AdminRequest r, String title) {
        Chrome c = r.chrome(title, "");
        Map<String, Object> values = Map.of("chrome", new Chrome(c.title(), c.brandTitle(), c.userName(), c.csrf(), "",
                List.of(), c.logoutAction()), "page", new Message("You do not have access to the admin interface",
                "Only superusers can administer " + c.brandTitle() + ".", EntryPoints.PORTAL, "Go to your user interface"));
        gg.jte.output.StringOutput out = new gg.jte.output.StringOutput();
        Pages.render(MESSAGE, values, out);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(out.toString());
    }
}
