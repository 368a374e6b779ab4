package dev.gatehouse.web;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.NotFoundException;
import dev.gatehouse.core.User;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowEffect;
import dev.gatehouse.flow.engine.FlowExecutor;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.FlowPlanner;
import dev.gatehouse.flow.engine.FlowPlans;
import dev.gatehouse.flow.engine.FlowRequest;
import dev.gatehouse.policy.engine.PolicyRequest;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flow executor API (CONTRACT.md "Executor API"): {@code GET /api/v3/flows/executor/<slug>/} shows the
 * current challenge, {@code POST} answers it — a valid answer redirects (302) back to the GET, an invalid one
 * returns the challenge with {@code response_errors}; the end is {@code xak-flow-redirect}. Plans stay
 * server-side under the browser's {@code gatehouse_flow} cookie. Stage effects become session cookies.
 */
public final class FlowExecutorApi {
    private final Database db;
    private final FlowPlanner planner;
    private final FlowExecutor executor;
    private final FlowPlans plans;
    private final SessionService sessions;
    private final SessionCookies cookies;

    public FlowExecutorApi(Database db, FlowPlanner planner, FlowExecutor executor, FlowPlans plans,
                           SessionService sessions, SessionCookies cookies) {
        this.db = db;
        this.planner = planner;
        this.executor = executor;
        this.plans = plans;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    public void register(Routes r) {
        r.op("GET", "flows/executor/{slug}/", Access.PUBLIC, "flows_executor_get",
                        "The current challenge of a flow", null, null, req -> run(req, false))
                .op("POST", "flows/executor/{slug}/", Access.PUBLIC, "flows_executor_solve",
                        "Answer the current challenge", null, null, req -> run(req, true));
    }

    private ApiResponse run(ApiRequest req, boolean answer) {
        Flow flow = Stores.on(db.dsl()).flows().bySlug(req.path("slug")).orElseThrow(NotFoundException::new);
        Optional<String> presentedKey = SessionCookies.read(req.header("Cookie"), SessionCookies.FLOW);
        String flowKey = presentedKey.orElseGet(() -> Secrets.randomKey(43));
        List<String> setCookies = new ArrayList<>();
        if (presentedKey.isEmpty()) {
            setCookies.add(cookies.flowCookie(flowKey, req.secure()));
        }
        Optional<SessionService.Live> live = SessionCookies.read(req.header("Cookie"), SessionCookies.SESSION)
                .flatMap(sessions::resolve);
        FlowRequest request = new FlowRequest(live.map(SessionService.Live::user).orElse(null), req.clientIp(),
                new PolicyRequest.Http(req.header("Host"), "/api/v3/flows/executor/" + flow.slug() + "/",
                        req.header("User-Agent")), false);
        FlowPlans.Entry entry = plans.get(flowKey, flow.slug());
        if (entry != null && entry.finished() != null) {
            plans.remove(flowKey, flow.slug());
            return respond(flow, entry.finished(), setCookies);
        }
        if (entry == null) {
            FlowContext context = new FlowContext();
            nextFrom(req.query("query")).ifPresent(next -> context.put(FlowKeys.REDIRECT, next));
            FlowPlanner.Planned planned = planner.plan(flow, request, context);
            if (planned instanceof FlowPlanner.Planned.Denied denied) {
                return respond(flow, new Step.Denied(denied.message()), setCookies);
            }
            entry = new FlowPlans.Entry(((FlowPlanner.Planned.Ready) planned).plan(), null);
            plans.put(flowKey, flow.slug(), entry);
        }
        List<FlowEffect> effects = new ArrayList<>();
        Step step = answer ? executor.submit(entry.plan(), request, responseOf(req), effects)
                : executor.current(entry.plan(), request, effects);
        applyEffects(effects, req, live, setCookies);
        if (answer) {
            if (step instanceof Step.Show show && !show.errors().isEmpty()) {
                return respond(flow, step, setCookies);
            }
            if (!(step instanceof Step.Show)) {
                plans.put(flowKey, flow.slug(), new FlowPlans.Entry(entry.plan(), step));
            }
            return ApiResponse.redirect(selfUrl(flow, req.query("query"))).withHeaders("Set-Cookie", setCookies);
        }
        if (!(step instanceof Step.Show)) {
            plans.remove(flowKey, flow.slug());
        }
        return respond(flow, step, setCookies);
    }

    private void applyEffects(List<FlowEffect> effects, ApiRequest req, Optional<SessionService.Live> live,
                              List<String> setCookies) {
        for (FlowEffect effect : effects) {
            switch (effect) {
                case FlowEffect.Login login -> {
                    boolean browserSession = login.lifetime().isZero();
                    SessionService.Issued issued = sessions.login(login.user(), req.clientIp(), req.header("User-Agent"),
                            browserSession ? SessionService.BROWSER_SESSION_LIFETIME : login.lifetime());
                    setCookies.addAll(cookies.issue(issued.key(), sessions.csrfToken(issued.session()),
                            browserSession ? null : issued.session().expires(), java.time.Instant.now(), req.secure()));
                }
                case FlowEffect.Logout logout -> {
                    SessionCookies.read(req.header("Cookie"), SessionCookies.SESSION)
                            .ifPresent(key -> sessions.logout(key, req.clientIp()));
                    setCookies.addAll(cookies.clear(req.secure()));
                }
            }
        }
    }

    private ApiResponse respond(Flow flow, Step step, List<String> setCookies) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (step) {
            case Step.Show show -> {
                body.put("component", show.challenge().component());
                body.putAll(show.challenge().fields());
                body.put("flow_info", flowInfo(flow));
                if (!show.errors().isEmpty()) {
                    Map<String, Object> errors = new LinkedHashMap<>();
                    show.errors().forEach((field, messages) -> errors.put(field,
                            messages.stream().map(m -> Map.of("string", m, "code", "invalid")).toList()));
                    body.put("response_errors", errors);
                }
            }
            case Step.Done done -> {
                body.put("component", "xak-flow-redirect");
                body.put("to", done.redirect());
            }
            case Step.Denied denied -> {
                body.putAll(Challenge.accessDenied(denied.message()).fields());
                body.put("component", "ak-stage-access-denied");
                body.put("flow_info", flowInfo(flow));
            }
        }
        return ApiResponse.ok(body).withHeaders("Set-Cookie", setCookies);
    }

    private static Map<String, Object> flowInfo(Flow flow) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", flow.title());
        info.put("background", flow.background());
        info.put("cancel_url", "/flows/-/cancel/");
        info.put("layout", flow.layout());
        return info;
    }

    private static Map<String, Object> responseOf(ApiRequest req) {
        return req.body().asMap();
    }

    private static String selfUrl(Flow flow, String query) {
        String base = "/api/v3/flows/executor/" + flow.slug() + "/";
        return query == null ? base : base + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    /** The {@code next} of the original query, only when it is a path on this site (no scheme, no {@code //host}). */
    static Optional<String> nextFrom(String query) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("next")) {
                String next = java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return RelativeRedirect.check(next);
            }
        }
        return Optional.empty();
    }
}
