package dev.gatehouse.web;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.web.ui.PortalPage;
import dev.gatehouse.web.ui.Pages;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * {@code /if/user/}: the applications the signed-in user may open (each one's policy bindings decide,
 * through {@link ApplicationAccess}), with their launch URLs. Not signed in: the brand's login flow.
 */
public final class UserPortal {
    private final Database db;
    private final CurrentUser currentUser;
    private final ApplicationAccess access;
    private final EntryPoints entryPoints;
    private final RequestOrigins origins;
    private final dev.gatehouse.authenticator.DeviceService devices;

    public UserPortal(Database db, CurrentUser currentUser, ApplicationAccess access, EntryPoints entryPoints,
                      RequestOrigins origins) {
        this.db = db;
        this.currentUser = currentUser;
        this.access = access;
        this.entryPoints = entryPoints;
        this.origins = origins;
        this.devices = new dev.gatehouse.authenticator.DeviceService(db);
    }

    public void register(HttpRouting.Builder routing) {
        routing.get(EntryPoints.PORTAL, this::portal);
        routing.post(DEVICES + "{class}/{id}/{action}/", this::device);
    }

    /** Where the settings page's device forms post: {@code <class>/<pk>/rename/} or {@code .../delete/}. */
    static final String DEVICES = EntryPoints.PORTAL + "devices/";

    /**
     * Renames or deletes one of the signed-in user's devices from a settings-page form (session CSRF token); another
     * user's device is not found. Post/redirect/get back to the portal.
     */
    private void device(ServerRequest req, ServerResponse res) throws java.io.IOException {
        req.context().register(new RouteName(DEVICES + "{class}/{id}/{action}/"));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Optional<dev.gatehouse.session.SessionService.Live> live = currentUser.live(req);
        java.util.Map<String, Object> form = FlowPages.readForm(req);
        if (live.isEmpty() || !currentUser.csrfMatches(live.get(), form.get("csrf"))) {
            plain(res, 403, "This form has expired. Go back and reload the page.");
            return;
        }
        var type = dev.gatehouse.authenticator.DeviceClasses.byName(req.path().pathParameters().get("class"));
        long pk;
        try {
            pk = Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            pk = -1;
        }
        String action = req.path().pathParameters().get("action");
        User user = live.get().user();
        dev.gatehouse.core.Actor actor = new dev.gatehouse.core.Actor(user,
                origins.of(req).clientIp());
        try {
            if (type.isEmpty() || pk < 0) {
                throw new dev.gatehouse.core.errors.NotFoundException();
            }
            switch (action) {
                case "rename" -> devices.rename(actor, type.get(), pk, user.pk(), String.valueOf(form.getOrDefault("name", "")));
                case "delete" -> devices.delete(actor, type.get(), pk, user.pk());
                default -> throw new dev.gatehouse.core.errors.NotFoundException();
            }
        } catch (dev.gatehouse.core.errors.NotFoundException e) {
            plain(res, 404, "Device not found.");
            return;
        } catch (dev.gatehouse.core.errors.ValidationException e) {
            plain(res, 400, "Enter a name of at most 64 characters.");
            return;
        }
        res.status(303);
        res.header(HeaderNames.LOCATION, EntryPoints.PORTAL);
        res.send();
    }

    private static void plain(ServerResponse res, int status, String text) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.send(text + "\n");
    }

    private void portal(ServerRequest req, ServerResponse res) {
        req.context().register(new RouteName(EntryPoints.PORTAL));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Optional<dev.gatehouse.session.SessionService.Live> live = currentUser.live(req);
        Optional<User> user = live.map(dev.gatehouse.session.SessionService.Live::user);
        if (user.isEmpty()) {
            res.status(302);
            res.header(HeaderNames.LOCATION, entryPoints.loginUrl(EntryPoints.PORTAL));
            res.send();
            return;
        }
        PolicyRequest request = new PolicyRequest(user.get(),
                origins.of(req).clientIp(),
                new PolicyRequest.Http(origins.of(req).host(), EntryPoints.PORTAL,
                        req.headers().first(HeaderNames.USER_AGENT).orElse(null)), java.util.Map.of());
        DSLContext dsl = db.dsl();
        List<PortalPage.App> apps = new ApplicationStore(dsl).list(PageRequest.all()).results().stream()
                .filter(a -> access.check(a, user.get(), request).passing())
                .map(UserPortal::app).toList();
        String brand = new BrandStore(dsl).defaultTitle();
        List<PortalPage.DeviceRow> rows = devices.ofUser(user.get().pk()).stream().map(UserPortal::row).toList();
        List<PortalPage.Enroll> enroll = dev.gatehouse.authenticator.DeviceClasses.all().stream()
                .filter(c -> new FlowStore(dsl).bySlugCached(c.setupFlowSlug()).isPresent())
                .map(c -> new PortalPage.Enroll("Add a " + c.verboseName(), "/if/flow/" + c.setupFlowSlug() + "/?next=%2Fif%2Fuser%2F"))
                .toList();
        res.header("X-Frame-Options", "DENY");
        Pages.send(res, 200, Pages.PORTAL, new PortalPage(brand, user.get().name().isBlank() ? user.get().username()
                : user.get().name(), apps, rows, enroll, currentUser.csrfToken(live.get()), entryPoints.logoutPage()));
    }

    private static PortalPage.DeviceRow row(dev.gatehouse.authenticator.Device d) {
        var type = dev.gatehouse.authenticator.DeviceClasses.byName(d.deviceClass());
        String verbose = type.map(dev.gatehouse.authenticator.DeviceClass::verboseName).orElse(d.deviceClass());
        return new PortalPage.DeviceRow(d.deviceClass(), d.pk(), d.name(), verbose, day(d.created()), day(d.lastUsed()),
                DEVICES + d.deviceClass() + "/" + d.pk() + "/",
                type.map(dev.gatehouse.authenticator.DeviceClass::maxNameLength).orElse(64));
    }

    private static String day(java.time.Instant when) {
        return when == null ? "never" : when.toString().substring(0, 10);
    }

    private static PortalPage.App app(Application a) {
        return new PortalPage.App(a.name(), a.metaLaunchUrl().isBlank() ? null : a.metaLaunchUrl(),
                a.metaDescription(), a.group(), a.openInNewTab());
    }
}
