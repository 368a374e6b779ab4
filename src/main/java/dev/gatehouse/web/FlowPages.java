package dev.gatehouse.web;

import dev.gatehouse.core.BrandStore;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.store.Database;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.flow.engine.AccessDeniedChallenge;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.StagePages;
import dev.gatehouse.web.ui.LogoutPage;
import dev.gatehouse.web.ui.Pages;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The browser's flow pages, {@code /if/flow/<slug>/}: each challenge rendered on the server (jte) as a
 * plain form that works without JavaScript. A POST carries the form's CSRF token (bound to the browser's
 * flow cookie); an accepted answer redirects back (303, post/redirect/get), a rejected one shows the form
 * again with its errors, and the end of the flow redirects to where it leads.
 * <p>An invalidation flow does not start for a signed-in browser on a GET: a cross-site link must not sign the
 * user out (OpenID Connect RP-Initiated Logout 1.0 §2 lets the OP ask). The page asks instead, and the flow starts
 * when that form (or the portal's one-click log-out form) posts back with the session's CSRF token.
 */
public final class FlowPages {
    private static final String INVALIDATION = "invalidation";
    private final Database db;
    private final FlowRunner runner;
    private final RequestOrigins origins;
    private final SessionCookies cookies;
    private final CurrentUser currentUser;
    private final FlowHtml html;

    public FlowPages(Database db, FlowRunner runner, RequestOrigins origins, SessionCookies cookies, CurrentUser currentUser,
                     StagePages stages) {
        this.html = new FlowHtml(stages);
        this.db = db;
        this.runner = runner;
        this.origins = origins;
        this.cookies = cookies;
        this.currentUser = currentUser;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/if/flow/{slug}/", (req, res) -> handle(req, res, false));
        routing.post("/if/flow/{slug}/", (req, res) -> handle(req, res, true));
        routing.get("/static/gatehouse.css", (req, res) -> asset(req, res, "/static/gatehouse.css", "text/css"));
        routing.get("/static/autosubmit.js", (req, res) -> asset(req, res, "/static/autosubmit.js", "text/javascript"));
        routing.get("/static/webauthn.js", (req, res) -> asset(req, res, "/static/webauthn.js", "text/javascript"));
    }

    private void handle(ServerRequest req, ServerResponse res, boolean answer) throws IOException {
        req.context().register(new RouteName("/if/flow/{slug}/"));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header("X-Frame-Options", "DENY");
        // No form-action: Chrome and Safari apply it to the redirects after a form is posted, and a sign-in or
        // consent answer ends in a redirect to the OAuth2 client's site (w3c/webappsec-csp#8).
        res.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'");
        Optional<Flow> flow = new FlowStore(db.dsl()).bySlugCached(req.path().pathParameters().get("slug"));
        if (flow.isEmpty()) {
            res.status(404);
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.send("Flow not found.\n");
            return;
        }
        String query = req.query().rawValue();
        // Once a link's flow_token has resumed its plan, the page goes on without it (a reload must not reuse it).
        String kept = FlowQuery.withoutFlowToken(query.isEmpty() ? null : query);
        String self = req.path().path() + (kept == null ? "" : "?" + kept);
        FlowRunner.Call call = new FlowRunner.Call(req.headers().first(HeaderNames.COOKIE).orElse(null),
                origins.of(req), req.headers().first(HeaderNames.USER_AGENT).orElse(null), req.path().path(),
                query.isEmpty() ? null : query);
        FlowRunner.Outcome outcome;
        boolean logout = INVALIDATION.equals(flow.get().designation()) && !runner.started(flow.get(), call);
        Optional<SessionService.Live> live = logout ? currentUser.live(req) : Optional.empty();
        if (live.isPresent() && !answer) {
            Pages.send(res, 200, Pages.LOGOUT, new LogoutPage(brand(), live.get().user().username(), null, self,
                    currentUser.csrfToken(live.get()), List.of()));
            return;
        }
        Map<String, Object> form = answer ? readForm(req) : Map.of();
        if (logout && form.containsKey(LogoutPage.CONFIRM)) {
            if (live.isEmpty()) {
                // No session cookie came (signed out already, or a cross-site POST, which carries no SameSite=Lax
                // cookie): the GET decides, so a cross-site POST cannot clear the browser's cookies either.
                redirect(res, 303, self);
                return;
            }
            if (!currentUser.csrfMatches(live.get(), form.get("csrf"))) {
                expired(res);
                return;
            }
            outcome = runner.show(flow.get(), call);
        } else if (answer) {
            Object token = form.remove("csrf");
            if (!(token instanceof String t) || !runner.formTokenMatches(call, t)) {
                expired(res);
                return;
            }
            outcome = runner.answer(flow.get(), call, form);
        } else {
            outcome = runner.show(flow.get(), call);
        }
        SessionCookies.write(res, outcome.setCookies());
        if (outcome.accepted()) {
            redirect(res, 303, self);
            return;
        }
        switch (outcome.step()) {
            case Step.Done done -> redirect(res, 302, done.redirect());
            case Step.Show show -> render(res, flow.get(), self, outcome.flowKey(), show.challenge(), show.errors());
            case Step.Denied denied -> {
                res.status(outcome.status());
                render(res, flow.get(), self, outcome.flowKey(), new AccessDeniedChallenge(denied.message()), Map.of());
            }
        }
    }

    private void render(ServerResponse res, Flow flow, String self, String flowKey, Challenge challenge,
                        Map<String, List<String>> errors) {
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(html.render(brand(), runner.title(flow, flowKey), self, runner.formToken(flowKey), challenge, errors));
    }

    private String brand() {
        return new BrandStore(db.dsl()).defaultTitle();
    }

    private static void expired(ServerResponse res) {
        res.status(403);
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.send("This form has expired. Go back and reload the page.\n");
    }

    private static void redirect(ServerResponse res, int status, String location) {
        res.status(status);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }

    /** An application/x-www-form-urlencoded body as field → value (first value wins). */
    static Map<String, Object> readForm(ServerRequest req) throws IOException {
        return FormData.read(req, FormData.FLOW_MAX).firstValues();
    }

    private void asset(ServerRequest req, ServerResponse res, String path, String type) throws IOException {
        req.context().register(new RouteName(path));
        try (InputStream in = FlowPages.class.getResourceAsStream(path)) {
            res.header(HeaderNames.CONTENT_TYPE, type + "; charset=utf-8");
            res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
            res.send(in.readAllBytes());
        }
    }
}
