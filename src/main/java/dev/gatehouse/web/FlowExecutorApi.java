package dev.gatehouse.web;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.engine.AccessDeniedChallenge;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.flow.engine.FlowRedirect;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.store.Database;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The flow executor API (CONTRACT.md "Executor API"): {@code GET /api/v3/flows/executor/<slug>/} shows the
 * current challenge, {@code POST} answers it — a valid answer redirects (302) back to the GET, an invalid one
 * returns the challenge with {@code response_errors}; the end is {@code xak-flow-redirect}.
 * <p>A GET of an invalidation flow signs the browser out, so with a live session it needs the session's CSRF token
 * in {@code X-authentik-CSRF} (as authentik's own flow interface sends it): a cross-site link or navigation cannot
 * send that header and gets a 403 that ends nothing (OpenID Connect RP-Initiated Logout 1.0 §2 lets the OP refuse
 * a logout it cannot tell the user asked for; the flow pages ask instead, see {@link FlowPages}).
 */
public final class FlowExecutorApi {
    private static final String INVALIDATION = "invalidation";
    private final Database db;
    private final FlowRunner runner;
    private final SessionService sessions;

    public FlowExecutorApi(Database db, FlowRunner runner, SessionService sessions) {
        this.db = db;
        this.runner = runner;
        this.sessions = sessions;
    }

    public void register(Routes r) {
        r.op("GET", "flows/executor/{slug}/", Access.PUBLIC, "flows_executor_get",
                        "The current challenge of a flow", null, null, req -> run(req, false))
                .op("POST", "flows/executor/{slug}/", Access.PUBLIC, "flows_executor_solve",
                        "Answer the current challenge", null, null, req -> run(req, true));
    }

    private ApiResponse run(ApiRequest req, boolean answer) {
        Flow flow = new FlowStore(db.dsl()).bySlugCached(req.path("slug")).orElseThrow(NotFoundException::new);
        String path = "/api/v3/flows/executor/" + flow.slug() + "/";
        FlowRunner.Call call = new FlowRunner.Call(req.header("Cookie"), req.origin(), req.header("User-Agent"), path,
                req.query("query"));
        if (!answer && INVALIDATION.equals(flow.designation()) && !logoutAsked(req)) {
            return new ApiResponse(403, Map.of("detail", "CSRF Failed: signing out needs the session's CSRF token in "
                    + SessionCookies.CSRF_HEADER + "."));
        }
        if (answer && !isJson(req.header("Content-Type"))) {
            // Browsers cannot send a cross-site JSON request without a CORS preflight: no login CSRF.
            return new ApiResponse(415, Map.of("detail", "Answers must be sent as application/json."));
        }
        FlowRunner.Outcome outcome = answer ? runner.answer(flow, call, req.body().asMap()) : runner.show(flow, call);
        if (outcome.accepted()) {
            String query = FlowQuery.withoutFlowToken(req.query("query"));
            String self = query == null ? path : path + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
            return ApiResponse.redirect(self).withHeaders("Set-Cookie", outcome.setCookies());
        }
        return new ApiResponse(outcome.status(), body(flow, outcome.step())).withHeaders("Set-Cookie",
                outcome.setCookies());
    }

    /** No live session to end, or the request carries that session's CSRF token (no cross-site link can). */
    private boolean logoutAsked(ApiRequest req) {
        Optional<SessionService.Live> live = SessionCookies.read(req.header("Cookie"), SessionCookies.SESSION)
                .flatMap(sessions::resolve);
        String presented = req.header(SessionCookies.CSRF_HEADER);
        return live.isEmpty() || presented != null && sessions.csrfMatches(live.get().session(), presented.trim());
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    static Map<String, Object> body(Flow flow, Step step) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (step) {
            case Step.Show show -> {
                put(body, show.challenge());
                body.put("flow_info", flowInfo(flow));
                if (!show.errors().isEmpty()) {
                    Map<String, Object> errors = new LinkedHashMap<>();
                    show.errors().forEach((field, messages) -> errors.put(field,
                            messages.stream().map(m -> Map.of("string", m, "code", "invalid")).toList()));
                    body.put("response_errors", errors);
                }
            }
            case Step.Done done -> put(body, new FlowRedirect(done.redirect()));
            case Step.Denied denied -> {
                put(body, new AccessDeniedChallenge(denied.message()));
                body.put("flow_info", flowInfo(flow));
            }
        }
        return body;
    }

    /** A challenge as authentik sends it: {@code component} first, then its fields. */
    private static void put(Map<String, Object> body, Challenge challenge) {
        body.put("component", challenge.component());
        body.putAll(challenge.fields());
    }

    static Map<String, Object> flowInfo(Flow flow) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", flow.title());
        info.put("background", flow.background());
        info.put("cancel_url", "/flows/-/cancel/");
        info.put("layout", flow.layout());
        return info;
    }
}
