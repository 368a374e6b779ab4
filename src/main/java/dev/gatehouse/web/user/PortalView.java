package dev.gatehouse.web.user;

import dev.gatehouse.authenticator.Device;
import dev.gatehouse.authenticator.DeviceClass;
import dev.gatehouse.authenticator.DeviceClasses;
import dev.gatehouse.authenticator.DeviceService;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.Token;
import dev.gatehouse.core.TokenIntent;
import dev.gatehouse.core.TokenStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserService;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.launch.LaunchUrls;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.settings.SystemSettings;
import dev.gatehouse.stage.consent.ConsentService;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.web.CurrentUser;
import dev.gatehouse.web.EntryPoints;
import dev.gatehouse.web.RequestOrigins;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * What the user interface shows: the applications the user may open (tiles with their launch URLs), and the
 * user's settings (profile, password, authenticators, tokens, sessions, consents), assembled for one response.
 */
final class PortalView {
    private final Database db;
    private final SessionService sessions;
    private final CurrentUser currentUser;
    private final UserService users;
    private final ApplicationAccess access;
    private final EntryPoints entryPoints;
    private final RequestOrigins origins;
    private final SettingsService settings;
    private final ConsentService consents;
    private final DeviceService devices;

    PortalView(Database db, SessionService sessions, UserService users, ApplicationAccess access, EntryPoints entryPoints,
               RequestOrigins origins, SettingsService settings, ConsentService consents, DeviceService devices) {
        this.db = db;
        this.sessions = sessions;
        this.currentUser = new CurrentUser(sessions);
        this.users = users;
        this.access = access;
        this.entryPoints = entryPoints;
        this.origins = origins;
        this.settings = settings;
        this.consents = consents;
        this.devices = devices;
    }

    /** The user's sessions that have not expired. */
    List<AuthenticatedSession> ownSessions(User user) {
        Instant now = Instant.now();
        return sessions.list(PageRequest.all(), user.pk()).results().stream().filter(s -> !s.expired(now)).toList();
    }

    /** The portal page for the signed-in user, with what this one response adds ({@code view}). */
    PortalPage page(ServerRequest req, SessionService.Live live, UserPortal.View view) {
        User user = live.user();
        DSLContext dsl = db.dsl();
        SystemSettings system = settings.get();
        PolicyRequest request = new PolicyRequest(user, origins.of(req).clientIp(),
                new PolicyRequest.Http(origins.of(req).host(), UserPortal.PORTAL,
                        req.headers().first(HeaderNames.USER_AGENT).orElse(null)), Map.of());
        LaunchUrls launchUrls = new LaunchUrls(dsl);
        List<PortalPage.App> apps = new ApplicationStore(dsl).list(PageRequest.all()).results().stream()
                .filter(a -> !LaunchUrls.hidden(a))
                .filter(a -> access.check(a, user, request).passing())
                .sorted(Comparator.comparing((Application a) -> a.name().toLowerCase(java.util.Locale.ROOT)))
                .map(a -> app(a, launchUrls)).toList();
        PortalPage.Profile profile = view.profile() != null ? view.profile()
                : new PortalPage.Profile(user.username(), user.name(), user.email(),
                system.defaultUserChangeName(), system.defaultUserChangeEmail(), system.defaultUserChangeUsername(),
                Map.of());
        FlowStore flows = new FlowStore(dsl);
        String passwordChange = flows.bySlugCached(DefaultFlows.PASSWORD_CHANGE).isPresent()
                ? "/if/flow/" + DefaultFlows.PASSWORD_CHANGE + "/?next=%2Fif%2Fuser%2F" : null;
        List<PortalPage.DeviceRow> deviceRows = devices.ofUser(user.pk()).stream().map(PortalView::row).toList();
        List<PortalPage.Enroll> enroll = DeviceClasses.all().stream()
                .filter(c -> flows.bySlugCached(c.setupFlowSlug()).isPresent())
                .map(c -> new PortalPage.Enroll("Add a " + c.verboseName(),
                        "/if/flow/" + c.setupFlowSlug() + "/?next=%2Fif%2Fuser%2F"))
                .toList();
        List<PortalPage.TokenRow> tokenRows = new TokenStore(dsl).list(PageRequest.all(), user.pk()).results().stream()
                .filter(t -> t.intent() == TokenIntent.API || t.intent() == TokenIntent.APP_PASSWORD)
                .sorted(Comparator.comparing(Token::created).reversed())
                .map(t -> new PortalPage.TokenRow(t.identifier(), kind(t.intent()), t.description(),
                        t.expiring() && t.expires() != null ? minute(t.expires()) : "never",
                        UserPortal.TOKENS + EntryPoints.encode(t.identifier()).replace("+", "%20") + "/delete/"))
                .toList();
        UUID current = live.session().uuid();
        List<PortalPage.SessionRow> sessionRows = ownSessions(user).stream()
                .sorted(Comparator.comparing((AuthenticatedSession s) -> !s.uuid().equals(current))
                        .thenComparing(AuthenticatedSession::lastUsed, Comparator.reverseOrder()))
                .map(s -> new PortalPage.SessionRow(Browsers.describe(s.userAgent()),
                        s.clientIp() == null ? "" : s.clientIp(), minute(s.lastUsed()), minute(s.created()),
                        s.uuid().equals(current), UserPortal.SESSIONS + s.uuid() + "/delete/"))
                .toList();
        List<PortalPage.ConsentRow> consentRows = consents.ofUser(user.pk()).stream()
                .map(c -> new PortalPage.ConsentRow(c.application().name(),
                        String.join(", ", c.consent().permissions()),
                        c.consent().expires() == null ? "never" : minute(c.consent().expires()),
                        minute(c.consent().created()), UserPortal.CONSENTS + c.consent().pk() + "/delete/"))
                .toList();
        List<PortalPage.FooterLink> footer = system.footerLinks().stream()
                .map(l -> new PortalPage.FooterLink(String.valueOf(l.get("name")),
                        l.get("href") instanceof String h ? SafeUrls.link(h) : null))
                .toList();
        String brand = new BrandStore(dsl).defaultTitle();
        return new PortalPage(brand, user.name().isBlank() ? user.username() : user.name(),
                currentUser.csrfToken(live), entryPoints.logoutPage(), apps, profile, passwordChange, deviceRows,
                enroll, tokenRows, view.newToken(), view.tokenForm() != null ? view.tokenForm()
                : PortalPage.TokenForm.EMPTY, sessionRows, consentRows, footer, view.notice(), users.isSuperuser(user),
                new BrandStore(dsl).forHost(origins.of(req).host()).map(dev.gatehouse.core.Brand::flowLockdown)
                        .isPresent(),
                new dev.gatehouse.notification.NotificationStore(dsl).unseen(user.pk()));
    }

    /** The user's notifications page: newest first (at most the last 200), with the unseen count. */
    NotificationsPage notifications(SessionService.Live live, String notice) {
        User user = live.user();
        DSLContext dsl = db.dsl();
        var store = new dev.gatehouse.notification.NotificationStore(dsl);
        var events = new dev.gatehouse.core.EventStore(dsl);
        List<NotificationsPage.Row> rows = store.listOfUser(user.pk(), new PageRequest(1, 200, null, null, Map.of()))
                .results().stream()
                .map(n -> new NotificationsPage.Row(n.pk().toString(), n.severity().wire(), n.body(),
                        n.event() == null ? "" : events.byPk(n.event()).map(dev.gatehouse.core.Event::action).orElse(""),
                        minute(n.created()), n.seen(), UserPortal.NOTIFICATIONS + n.pk() + "/seen/",
                        UserPortal.NOTIFICATIONS + n.pk() + "/delete/"))
                .toList();
        return new NotificationsPage(new BrandStore(dsl).defaultTitle(), currentUser.csrfToken(live),
                entryPoints.logoutPage(), users.isSuperuser(user), store.unseen(user.pk()), rows, notice);
    }

    private static PortalPage.App app(Application a, LaunchUrls launchUrls) {
        String launch = launchUrls.of(a).map(SafeUrls::link).orElse(null);
        String initial = a.name().isBlank() ? "?" : a.name().substring(0, a.name().offsetByCodePoints(0, 1))
                .toUpperCase(java.util.Locale.ROOT);
        return new PortalPage.App(a.name(), launch, a.metaDescription(), a.metaPublisher(),
                SafeUrls.image(a.metaIcon()), a.openInNewTab(), initial);
    }

    private static PortalPage.DeviceRow row(Device d) {
        Optional<DeviceClass> type = DeviceClasses.byName(d.deviceClass());
        String verbose = type.map(DeviceClass::verboseName).orElse(d.deviceClass());
        return new PortalPage.DeviceRow(d.deviceClass(), d.pk(), d.name(), verbose, day(d.created()), day(d.lastUsed()),
                UserPortal.DEVICES + d.deviceClass() + "/" + d.pk() + "/", type.map(DeviceClass::maxNameLength).orElse(64));
    }

    static String kind(TokenIntent intent) {
        return intent == TokenIntent.APP_PASSWORD ? "App password" : "API token";
    }

    static String day(Instant when) {
        return when == null ? "never" : when.toString().substring(0, 10);
    }

    static String minute(Instant when) {
        if (when == null) {
            return "never";
        }
        String s = when.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
        return s.replace('T', ' ').replace("Z", " UTC").replace(":00 UTC", " UTC");
    }
}
