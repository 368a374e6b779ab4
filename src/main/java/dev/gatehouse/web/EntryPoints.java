package dev.gatehouse.web;

import dev.gatehouse.core.BrandStore;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.store.Database;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Where browsers start: {@code /} (the portal, or the brand's login flow), {@code /flows/-/default/authentication/?next=}
 * and {@code /flows/-/default/invalidation/} (the brand's flows; the invalidation flow page asks before it signs a
 * browser out), {@code /flows/-/cancel/}. A {@code next}
 * is passed on only when it is a path on this site (RelativeRedirect).
 */
public final class EntryPoints {
    public static final String PORTAL = "/if/user/";
    private final Database db;
    private final CurrentUser currentUser;
    private final SessionCookies cookies;

    public EntryPoints(Database db, CurrentUser currentUser, SessionCookies cookies) {
        this.db = db;
        this.currentUser = currentUser;
        this.cookies = cookies;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/", this::root);
        routing.get("/flows/-/default/authentication/", (req, res) -> {
            req.context().register(new RouteName("/flows/-/default/authentication/"));
            String next = req.query().first("next").asOptional().flatMap(RelativeRedirect::check).orElse(PORTAL);
            redirect(res, loginUrl(next) + req.query().first("login_hint").asOptional()
                    .map(hint -> "&login_hint=" + encode(hint)).orElse(""));
        });
        routing.get("/flows/-/default/invalidation/", (req, res) -> {
            req.context().register(new RouteName("/flows/-/default/invalidation/"));
            redirect(res, logoutPage());
        });
        routing.get("/flows/-/cancel/", (req, res) -> {
            req.context().register(new RouteName("/flows/-/cancel/"));
            SessionCookies.write(res, java.util.List.of(cookies.clearFlowCookie(cookies.secure(req))));
            redirect(res, "/");
        });
    }

    private void root(ServerRequest req, ServerResponse res) {
        req.context().register(new RouteName("/"));
        redirect(res, currentUser.of(req).isPresent() ? PORTAL : loginUrl(PORTAL));
    }

    /**
     * Where a browser without a session goes to sign in and then come back to {@code next} (a path on this
     * site): the brand's authentication flow, through {@code /flows/-/default/authentication/}.
     */
    public static String signIn(String next) {
        return "/flows/-/default/authentication/?next=" + encode(next);
    }

    /** {@link #signIn(String)} with who is expected to sign in (pre-filled by the identification stage). */
    public static String signIn(String next, String loginHint) {
        return signIn(next) + hint(loginHint);
    }

    /** The {@code login_hint} query parameter to append, or nothing. */
    public static String hint(String loginHint) {
        return loginHint == null || loginHint.isBlank() ? "" : "&login_hint=" + encode(loginHint);
    }

    /**
     * The brand's invalidation flow page. A GET there only asks whether to log out (a link cannot sign anyone out);
     * a form posting the session's CSRF token logs out at once, as the portal's log-out button does.
     */
    public String logoutPage() {
        return brandFlow(false).map(f -> "/if/flow/" + f.slug() + "/").orElse("/");
    }

    /** A value for a query parameter ({@code next}). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The brand's authentication flow page, leading to {@code next} afterwards. */
    public String loginUrl(String next) {
        return brandFlow(true).map(f -> "/if/flow/" + f.slug() + "/?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))
                .orElse("/-/health/live/");
    }

    private Optional<Flow> brandFlow(boolean authentication) {
        DSLContext dsl = db.dsl();
        return new BrandStore(dsl).defaultBrandCached()
                .map(b -> authentication ? b.flowAuthentication() : b.flowInvalidation())
                .flatMap((UUID pk) -> new FlowStore(dsl).byPkCached(pk));
    }

    private static void redirect(ServerResponse res, String location) {
        res.status(302);
        res.header(HeaderNames.LOCATION, location);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send();
    }
}
