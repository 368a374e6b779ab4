package dev.gatehouse.web.user;

import dev.gatehouse.authenticator.DeviceClass;
import dev.gatehouse.authenticator.DeviceClasses;
import dev.gatehouse.authenticator.DeviceService;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.Token;
import dev.gatehouse.core.TokenChanges;
import dev.gatehouse.core.TokenIntent;
import dev.gatehouse.core.TokenService;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserService;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.lockdown.LockdownFlowLinks;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.settings.ProfileService;
import dev.gatehouse.settings.SettingsService;
import dev.gatehouse.stage.consent.ConsentService;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.CurrentUser;
import dev.gatehouse.web.EntryPoints;
import dev.gatehouse.web.RequestOrigins;
import dev.gatehouse.web.RouteName;
import dev.gatehouse.web.ui.MessagePage;
import dev.gatehouse.web.ui.Pages;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /if/user/}, the user interface: the applications the signed-in user may open (each one's policy bindings
 * decide, through {@link ApplicationAccess}) as tiles opening their launch URLs, and the user's settings — profile,
 * password change (the {@code default-password-change} flow), authenticators, app passwords and API tokens,
 * sessions and consents, and "Lock my account" (the brand's lockdown flow). Every change is a form posting the
 * session's CSRF token (403 page when it does not match), answered with a redirect back to the page (post/redirect/get), or with the page and the errors beside
 * the inputs; another user's object is not found (404). Pages are not cached and not framed. Not signed in: the
 * brand's login flow. The rules live in the services the API uses too.
 */
public final class UserPortal {
    static final String PORTAL = EntryPoints.PORTAL;
    static final String PROFILE = PORTAL + "profile/";
    static final String TOKENS = PORTAL + "tokens/";
    static final String SESSIONS = PORTAL + "sessions/";
    static final String OTHER_SESSIONS = SESSIONS + "others/";
    static final String CONSENTS = PORTAL + "consents/";
    /** Where the device forms post: {@code <class>/<pk>/rename/} or {@code .../delete/}. */
    static final String DEVICES = PORTAL + "devices/";
    /** "Lock my account": starts the brand's lockdown flow for the signed-in user. */
    static final String LOCKDOWN = PORTAL + "lockdown/";
    /** The user's notifications; a form posts to {@code <uuid>/seen/}, {@code <uuid>/delete/} or {@code seen/} (all). */
    static final String NOTIFICATIONS = PORTAL + "notifications/";
    private static final String TEMPLATE = "dev/gatehouse/web/user/portal.jte";
    private static final String NOTIFICATIONS_TEMPLATE = "dev/gatehouse/web/user/notifications.jte";
    /** The validities a user picks for a new token, in days. */
    static final List<Integer> VALIDITIES = List.of(1, 7, 30, 90, 365);
    /** The confirmations after a redirect, by the {@code done} query value (never echoed from the request). */
    private static final Map<String, String> NOTICES = Map.of(
            "profile", "Your profile was saved.",
            "token-deleted", "The token was deleted.",
            "session-ended", "The session was ended.",
            "others-ended", "Every other session was ended.",
            "consent-revoked", "The consent was revoked; the application will ask again.",
            "device", "Your authenticators were saved.",
            "notification-seen", "The notification was marked as seen.",
            "notifications-seen", "Every notification was marked as seen.",
            "notification-deleted", "The notification was deleted.");

    private final Database db;
    private final CurrentUser currentUser;
    private final EntryPoints entryPoints;
    private final RequestOrigins origins;
    private final SessionService sessions;
    private final UserService users;
    private final TokenService tokens;
    private final SettingsService settings;
    private final ProfileService profiles;
    private final ConsentService consents;
    private final DeviceService devices;
    private final PortalView view;
    private final LockdownFlowLinks lockdownLinks;

    public UserPortal(Database db, SessionService sessions, UserService users, ApplicationAccess access,
                      EntryPoints entryPoints, RequestOrigins origins, LockdownFlowLinks lockdownLinks) {
        this.lockdownLinks = lockdownLinks;
        this.db = db;
        this.sessions = sessions;
        this.currentUser = new CurrentUser(sessions);
        this.entryPoints = entryPoints;
        this.origins = origins;
        this.users = users;
        this.tokens = new TokenService(db);
        this.settings = new SettingsService(db);
        this.profiles = new ProfileService(settings, users);
        this.consents = new ConsentService(db);
        this.devices = new DeviceService(db);
        this.view = new PortalView(db, sessions, users, access, entryPoints, origins, settings, consents, devices);
    }

    public void register(HttpRouting.Builder routing) {
        routing.get(PORTAL, this::portal);
        routing.post(PROFILE, post(PROFILE, this::profile));
        routing.post(TOKENS, post(TOKENS, this::createToken));
        routing.post(TOKENS + "{identifier}/delete/", post(TOKENS + "{identifier}/delete/", this::deleteToken));
        routing.post(OTHER_SESSIONS, post(OTHER_SESSIONS, this::endOtherSessions));
        routing.post(SESSIONS + "{uuid}/delete/", post(SESSIONS + "{uuid}/delete/", this::endSession));
        routing.post(CONSENTS + "{uuid}/delete/", post(CONSENTS + "{uuid}/delete/", this::revokeConsent));
        routing.post(DEVICES + "{class}/{id}/{action}/", post(DEVICES + "{class}/{id}/{action}/", this::device));
        routing.post(LOCKDOWN, post(LOCKDOWN, this::lockdown));
        routing.get(NOTIFICATIONS, this::notifications);
        routing.post(NOTIFICATIONS + "seen/", post(NOTIFICATIONS + "seen/", this::allSeen));
        routing.post(NOTIFICATIONS + "{uuid}/{action}/", post(NOTIFICATIONS + "{uuid}/{action}/", this::notification));
    }

    /** A signed-in user's form post whose CSRF token matched. */
    record Post(ServerRequest req, ServerResponse res, SessionService.Live live, Map<String, Object> form,
                Actor actor) {
        User user() {
            return live.user();
        }

        String field(String name) {
            return form.get(name) instanceof String s ? s : "";
        }

        String path(String name) {
            return req.path().pathParameters().get(name);
        }
    }

    @FunctionalInterface
    interface Action {
        void run(Post post) throws IOException;
    }

    private io.helidon.webserver.http.Handler post(String route, Action action) {
        return (req, res) -> {
            req.context().register(new RouteName(route));
            headers(res);
            Optional<SessionService.Live> live = currentUser.live(req);
            Map<String, Object> form = dev.gatehouse.web.FormData.read(req, dev.gatehouse.web.FormData.FLOW_MAX).firstValues();
            if (live.isEmpty() || !currentUser.csrfMatches(live.get(), form.get("csrf"))) {
                message(res, 403, "Form expired", "This form has expired. Go back and reload the page.");
                return;
            }
            Actor actor = new Actor(live.get().user(), origins.of(req).clientIp(), live.get().session().uuid());
            try {
                action.run(new Post(req, res, live.get(), form, actor));
            } catch (NotFoundException e) {
                message(res, 404, "Not found", "There is no such item in your settings.");
            }
        };
    }

    private void portal(ServerRequest req, ServerResponse res) {
        req.context().register(new RouteName(PORTAL));
        headers(res);
        Optional<SessionService.Live> live = currentUser.live(req);
        if (live.isEmpty()) {
            res.status(302);
            res.header(HeaderNames.LOCATION, entryPoints.loginUrl(PORTAL));
            res.send();
            return;
        }
        String notice = req.query().first("done").map(NOTICES::get).orElse(null);
        send(req, res, 200, live.get(), new View(null, null, null, null, notice));
    }

    /** What one response shows beyond the stored state: a form as submitted with its errors, a new key, a notice. */
    record View(PortalPage.Profile profile, PortalPage.TokenForm tokenForm, PortalPage.NewToken newToken,
                        String anchor, String notice) {
    }

    private void profile(Post p) {
        ProfileService.Allowed allowed = profiles.allowed();
        String name = p.form().containsKey("name") ? p.field("name") : null;
        String email = p.form().containsKey("email") ? p.field("email") : null;
        String username = p.form().containsKey("username") ? p.field("username") : null;
        try {
            profiles.change(p.actor(), p.user(), name, email, username);
            redirect(p.res(), "profile", "profile");
        } catch (ValidationException e) {
            User u = p.user();
            send(p.req(), p.res(), 400, p.live(), new View(new PortalPage.Profile(or(username, u.username()),
                    or(name, u.name()), or(email, u.email()), allowed.name(), allowed.email(), allowed.username(),
                    firstErrors(e)), null, null, "profile", null));
        }
    }

    private void createToken(Post p) {
        String identifier = p.field("identifier").strip();
        String description = p.field("description").strip();
        String intentWire = p.field("intent");
        String expiresIn = p.field("expires_in");
        Map<String, String> errors = new LinkedHashMap<>();
        TokenIntent intent = switch (intentWire) {
            case "app_password" -> TokenIntent.APP_PASSWORD;
            case "api" -> TokenIntent.API;
            default -> null;
        };
        if (intent == null) {
            errors.put("intent", "Choose an app password or an API token.");
        }
        Integer days = null;
        try {
            days = Integer.valueOf(expiresIn);
        } catch (NumberFormatException e) {
            // reported below
        }
        if (days == null || !VALIDITIES.contains(days)) {
            errors.put("expires_in", "Choose how long the token is valid.");
        }
        if (identifier.isEmpty()) {
            errors.put("identifier", "Enter a name for the token.");
        }
        PortalPage.TokenForm submitted = new PortalPage.TokenForm(identifier, description, intentWire, expiresIn,
                errors);
        if (errors.isEmpty()) {
            try {
                var issued = tokens.create(p.actor(), users.isSuperuser(p.user()), new TokenChanges(identifier, intent,
                        p.user().pk(), description, Optional.of(Instant.now().plus(Duration.ofDays(days))), true));
                PortalPage.NewToken shown = new PortalPage.NewToken(issued.token().identifier(), PortalView.kind(intent),
                        issued.key());
                send(p.req(), p.res(), 200, p.live(), new View(null, null, shown, "tokens", null));
                return;
            } catch (ValidationException e) {
                errors.putAll(firstErrors(e));
                errors.remove("user");
                if (errors.containsKey("expires")) {
                    errors.put("expires_in", errors.remove("expires"));
                }
            }
        }
        send(p.req(), p.res(), 400, p.live(), new View(null, new PortalPage.TokenForm(identifier, description,
                intentWire, expiresIn, errors), null, "tokens", null));
    }

    private void deleteToken(Post p) {
        Token t = tokens.byIdentifier(p.path("identifier")).filter(x -> x.user() == p.user().pk())
                .filter(x -> x.intent() == TokenIntent.API || x.intent() == TokenIntent.APP_PASSWORD)
                .orElseThrow(NotFoundException::new);
        tokens.delete(p.actor(), t);
        redirect(p.res(), "token-deleted", "tokens");
    }

    private void endSession(Post p) {
        UUID uuid = uuid(p.path("uuid"));
        AuthenticatedSession s = sessions.byUuid(uuid).filter(x -> x.user() == p.user().pk())
                .filter(x -> !x.uuid().equals(p.live().session().uuid()))
                .orElseThrow(NotFoundException::new);
        sessions.delete(p.actor(), s.uuid());
        redirect(p.res(), "session-ended", "sessions");
    }

    private void endOtherSessions(Post p) {
        for (AuthenticatedSession s : ownSessions(p.user())) {
            if (!s.uuid().equals(p.live().session().uuid())) {
                sessions.delete(p.actor(), s.uuid());
            }
        }
        redirect(p.res(), "others-ended", "sessions");
    }

    private void revokeConsent(Post p) {
        consents.revoke(p.actor(), uuid(p.path("uuid")));
        redirect(p.res(), "consent-revoked", "consents");
    }

    /**
     * "Lock my account": the brand's lockdown flow planned for the signed-in user (as {@code account_lockdown/} does),
     * which the browser is sent to; the flow warns, asks why, and then locks the account.
     */
    private void lockdown(Post p) {
        String url;
        try {
            url = lockdownLinks.forUser(p.user(), p.user(), origins.of(p.req()).host(), origins.of(p.req()).baseUrl());
        } catch (ValidationException e) {
            message(p.res(), 400, "Not available", "Locking your account is not available here; ask your "
                    + "administrator.");
            return;
        }
        p.res().status(303);
        p.res().header(HeaderNames.LOCATION, url);
        p.res().send();
    }

    /** Renames or deletes one of the user's authenticator devices; another user's device is not found. */
    private void device(Post p) {
        Optional<DeviceClass> type = DeviceClasses.byName(p.path("class"));
        long pk;
        try {
            pk = Long.parseLong(p.path("id"));
        } catch (NumberFormatException e) {
            pk = -1;
        }
        if (type.isEmpty() || pk < 0) {
            throw new NotFoundException();
        }
        long owner = p.user().pk();
        try {
            switch (p.path("action")) {
                case "rename" -> devices.rename(p.actor(), type.get(), pk, owner, p.field("name"));
                case "delete" -> devices.delete(p.actor(), type.get(), pk, owner);
                default -> throw new NotFoundException();
            }
        } catch (ValidationException e) {
            message(p.res(), 400, "Not saved", "Enter a name of at most " + type.get().maxNameLength()
                    + " characters.");
            return;
        }
        redirect(p.res(), "device", "authenticators");
    }

    private void notifications(ServerRequest req, ServerResponse res) {
        req.context().register(new RouteName(NOTIFICATIONS));
        headers(res);
        Optional<SessionService.Live> live = currentUser.live(req);
        if (live.isEmpty()) {
            res.status(302);
            res.header(HeaderNames.LOCATION, entryPoints.loginUrl(NOTIFICATIONS));
            res.send();
            return;
        }
        String notice = req.query().first("done").map(NOTICES::get).orElse(null);
        Pages.send(res, 200, NOTIFICATIONS_TEMPLATE, view.notifications(live.get(), notice));
    }

    /** Marks one of the user's notifications seen, or deletes it; another user's is not found. */
    private void notification(Post p) {
        UUID uuid = uuid(p.path("uuid"));
        boolean done = db.tx(dsl -> {
            var store = new dev.gatehouse.notification.NotificationStore(dsl);
            return switch (p.path("action")) {
                case "seen" -> store.setSeen(p.user().pk(), uuid, true);
                case "delete" -> store.delete(p.user().pk(), uuid);
                default -> false;
            };
        });
        if (!done) {
            throw new NotFoundException();
        }
        seeOther(p.res(), NOTIFICATIONS + "?done=" + (p.path("action").equals("seen") ? "notification-seen"
                : "notification-deleted"));
    }

    private void allSeen(Post p) {
        db.txRun(dsl -> new dev.gatehouse.notification.NotificationStore(dsl).markAllSeen(p.user().pk()));
        seeOther(p.res(), NOTIFICATIONS + "?done=notifications-seen");
    }

    private static void seeOther(ServerResponse res, String location) {
        res.status(303);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }

    private List<AuthenticatedSession> ownSessions(User user) {
        return view.ownSessions(user);
    }

    private void send(ServerRequest req, ServerResponse res, int status, SessionService.Live live, View extras) {
        Pages.send(res, status, TEMPLATE, view.page(req, live, extras));
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException();
        }
    }

    private static Map<String, String> firstErrors(ValidationException e) {
        Map<String, String> out = new LinkedHashMap<>();
        e.errors().forEach((field, messages) -> out.put(field, messages.isEmpty() ? "Invalid value." : messages.getFirst()));
        return out;
    }

    private static String or(String given, String fallback) {
        return given != null ? given : fallback;
    }

    private static void headers(ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header("X-Frame-Options", "DENY");
    }

    private static void redirect(ServerResponse res, String done, String anchor) {
        res.status(303);
        res.header(HeaderNames.LOCATION, PORTAL + "?done=" + done + "#" + anchor);
        res.send();
    }

    private void message(ServerResponse res, int status, String title, String text) {
        Pages.send(res, status, Pages.MESSAGE, new MessagePage(new BrandStore(db.dsl()).defaultTitle(), title, text));
    }
}
