package dev.gatehouse.web;

import dev.gatehouse.core.RequestOrigin;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowEffect;
import dev.gatehouse.flow.engine.FlowExecutor;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.FlowPlan;
import dev.gatehouse.flow.engine.FlowPlanner;
import dev.gatehouse.flow.engine.FlowPlans;
import dev.gatehouse.flow.engine.FlowRequest;
import dev.gatehouse.flow.engine.InMemoryStages;
import dev.gatehouse.flow.engine.PlannedStage;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.session.SessionService;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the executor API and the flow pages share: the browser's flow key (cookie), finding or planning
 * the flow for it, running or answering the current stage, and turning stage effects into session
 * cookies. The two adapters only differ in how they render a {@link Step}.
 */
public final class FlowRunner {
    private final FlowPlanner planner;
    private final FlowExecutor executor;
    private final FlowPlans plans;
    private final SessionService sessions;
    private final SessionCookies cookies;
    private final byte[] formKey;
    private final Object[] locks = new Object[64];

    public FlowRunner(FlowPlanner planner, FlowExecutor executor, FlowPlans plans, SessionService sessions,
                      SessionCookies cookies, String secretKey) {
        this.planner = planner;
        this.executor = executor;
        this.plans = plans;
        this.sessions = sessions;
        this.cookies = cookies;
        this.formKey = Secrets.sha256(("gatehouse.flow-form|" + secretKey).getBytes(StandardCharsets.UTF_8));
        Arrays.setAll(locks, i -> new Object());
    }

    /**
     * The HTTP facts of one request to a flow: how it reached us ({@link RequestOrigin}), its cookies, user agent and
     * path. {@code query} is the original query (it may carry {@code next}).
     */
    public record Call(String cookieHeader, RequestOrigin origin, String userAgent, String path, String query) {
        public String clientIp() {
            return origin.clientIp();
        }

        public String host() {
            return origin.host();
        }

        public boolean secure() {
            return origin.secure();
        }
    }

    /**
     * The step to show, the cookies to set, and whether the answer was accepted (the adapter then
     * redirects to its GET, post/redirect/get).
     */
    public record Outcome(Step step, boolean accepted, List<String> setCookies, String flowKey) {
    }

    /** The kinds of in-memory stages the stored plans may hold (registered by the code that appends them). */
    public InMemoryStages inMemoryStages() {
        return plans.stages();
    }

    public Outcome show(Flow flow, Call call) {
        return run(flow, call, null);
    }

    public Outcome answer(Flow flow, Call call, Map<String, Object> response) {
        return run(flow, call, response);
    }

    /**
     * Starts {@code flow} afresh for this browser with the caller's context and in-memory stages appended,
     * and runs it up to its first challenge. The browser then continues it at the flow's page
     * ({@code /if/flow/<slug>/}). The plan gets a new flow key (cookie): a key planted in the browser before
     * cannot reach a plan started for its user.
     */
    public Outcome start(Flow flow, Call call, FlowContext context, List<PlannedStage> appended) {
        SessionCookies.read(call.cookieHeader(), SessionCookies.FLOW).ifPresent(old -> plans.remove(old, flow));
        String flowKey = Secrets.randomKey(43);
        List<String> setCookies = new ArrayList<>();
        setCookies.add(cookies.flowCookie(flowKey, call.secure()));
        FlowRequest request = request(call);
        if (context.get(FlowKeys.REMEMBERED_IDENTIFIER).isEmpty()) {
            SessionCookies.remembered(call.cookieHeader()).ifPresent(id -> context.put(FlowKeys.REMEMBERED_IDENTIFIER, id));
        }
        FlowPlanner.Planned planned = planner.plan(flow, request, context);
        if (planned instanceof FlowPlanner.Planned.Denied denied) {
            return new Outcome(new Step.Denied(denied.message()), false, setCookies, flowKey);
        }
        FlowPlan plan = ((FlowPlanner.Planned.Ready) planned).plan();
        appended.forEach(plan::append);
        List<FlowEffect> effects = new ArrayList<>();
        Step step;
        synchronized (lock(flowKey, flow)) {
            step = executor.current(plan, request, effects);
            if (step instanceof Step.Show) {
                step = store(() -> plans.put(flowKey, flow, new FlowPlans.Entry(plan, null)), step);
            }
        }
        applyEffects(effects, call, setCookies);
        return new Outcome(step, false, setCookies, flowKey);
    }

    /**
     * The flow's title for the page, with authentik's {@code %(app)s} replaced by the name of the application
     * the browser's plan authorizes.
     */
    public String title(Flow flow, String flowKey) {
        FlowPlans.Entry entry = plans.get(flowKey, flow);
        String app = entry == null ? "the application" : entry.plan().context().get(FlowKeys.APPLICATION)
                .map(dev.gatehouse.core.Application::name).orElse("the application");
        return flow.title().replace("%(app)s", app);
    }

    /** Whether this browser has a plan of {@code flow} in progress (it started the flow and has not finished it). */
    public boolean started(Flow flow, Call call) {
        return SessionCookies.read(call.cookieHeader(), SessionCookies.FLOW)
                .map(key -> plans.get(key, flow) != null).orElse(false);
    }

    /** Forgets this browser's plan of {@code flow} (a started flow that must not continue). */
    public void discard(Flow flow, String flowKey) {
        plans.remove(flowKey, flow);
    }

    /** The hidden form token for a browser's flow key (CSRF protection of the flow pages). */
    public String formToken(String flowKey) {
        return Secrets.hmacSha256Url(formKey, "flow-form|" + flowKey);
    }

    public boolean formTokenMatches(Call call, String presented) {
        return SessionCookies.read(call.cookieHeader(), SessionCookies.FLOW)
                .map(key -> Secrets.constantTimeEquals(formToken(key), presented)).orElse(false);
    }

    private Outcome run(Flow flow, Call call, Map<String, Object> response) {
        Optional<String> presentedKey = SessionCookies.read(call.cookieHeader(), SessionCookies.FLOW);
        String flowKey = presentedKey.orElseGet(() -> Secrets.randomKey(43));
        List<String> setCookies = new ArrayList<>();
        if (presentedKey.isEmpty()) {
            setCookies.add(cookies.flowCookie(flowKey, call.secure()));
        }
        FlowRequest request = request(call);
        List<FlowEffect> effects = new ArrayList<>();
        Step step;
        synchronized (lock(flowKey, flow)) {
            FlowPlans.Entry entry = presentedKey.isEmpty() ? null : plans.get(flowKey, flow);
            if (entry != null && response == null && otherInvitation(entry, call)) {
                plans.remove(flowKey, flow);
                entry = null;
            }
            if (entry != null && entry.finished() != null) {
                plans.remove(flowKey, flow);
                return new Outcome(entry.finished(), false, setCookies, flowKey);
            }
            if (entry == null) {
                FlowContext context = new FlowContext();
                nextFrom(call.query()).ifPresent(next -> context.put(FlowKeys.REDIRECT, next));
                param(call.query(), "login_hint").filter(h -> !h.isBlank() && h.length() <= MAX_LOGIN_HINT)
                        .ifPresent(hint -> context.put(FlowKeys.LOGIN_HINT, hint));
                SessionCookies.remembered(call.cookieHeader())
                        .ifPresent(id -> context.put(FlowKeys.REMEMBERED_IDENTIFIER, id));
                invitationToken(call.query()).ifPresent(token -> context.put(FlowKeys.INVITATION_TOKEN, token));
                FlowPlanner.Planned planned = planner.plan(flow, request, context);
                if (planned instanceof FlowPlanner.Planned.Denied denied) {
                    return new Outcome(new Step.Denied(denied.message()), false, setCookies, flowKey);
                }
                entry = new FlowPlans.Entry(((FlowPlanner.Planned.Ready) planned).plan(), null);
            }
            FlowPlan plan = entry.plan();
            step = response != null ? executor.submit(plan, request, response, effects)
                    : executor.current(plan, request, effects);
            if (response != null && !(step instanceof Step.Show show && !show.errors().isEmpty())) {
                // Every accepted answer moves the plan to a new flow key: a key planted in this browser
                // before (cookie tossing) cannot follow the plan past the user's own answers.
                String rotated = Secrets.randomKey(43);
                Step shown = step;
                step = store(() -> plans.move(flowKey, rotated, flow,
                        new FlowPlans.Entry(plan, shown instanceof Step.Show ? null : shown)), step);
                applyEffects(effects, call, setCookies);
                setCookies.removeIf(c -> c.startsWith(SessionCookies.FLOW + "="));
                setCookies.add(cookies.flowCookie(rotated, call.secure()));
                return new Outcome(step, step == shown, setCookies, rotated);
            }
            if (step instanceof Step.Show) {
                step = store(() -> plans.put(flowKey, flow, new FlowPlans.Entry(plan, null)), step);
            } else {
                plans.remove(flowKey, flow);
            }
        }
        applyEffects(effects, call, setCookies);
        return new Outcome(step, false, setCookies, flowKey);
    }

    /** The message shown when a plan cannot be stored (over {@link FlowPlans#MAX_BYTES}). */
    static final String TOO_LARGE = "This flow holds more data than it may. Start it again.";

    /** Runs {@code save}; a plan over the size limit ends the flow with a message instead of {@code step}. */
    private static Step store(Runnable save, Step step) {
        try {
            save.run();
            return step;
        } catch (FlowPlans.TooLarge tooLarge) {
            return new Step.Denied(TOO_LARGE);
        }
    }

    /**
     * The lock of one browser's plan of one flow in this process: its requests run one at a time here, as they
     * did when the plan itself was the lock.
     */
    private Object lock(String flowKey, Flow flow) {
        return locks[Math.floorMod((flowKey + "/" + flow.slug()).hashCode(), locks.length)];
    }

    private FlowRequest request(Call call) {
        Optional<SessionService.Live> live = SessionCookies.read(call.cookieHeader(), SessionCookies.SESSION)
                .flatMap(sessions::resolve);
        return new FlowRequest(live.map(SessionService.Live::user).orElse(null), call.clientIp(),
                new PolicyRequest.Http(call.host(), call.path(), call.userAgent()), false, call.origin().baseUrl(),
                live.map(l -> l.session().uuid()).orElse(null));
    }

    private void applyEffects(List<FlowEffect> effects, Call call, List<String> setCookies) {
        for (FlowEffect effect : effects) {
            switch (effect) {
                case FlowEffect.Login login -> {
                    if (login.terminateOthers()) {
                        sessions.deleteForUser(login.user().pk());
                    }
                    boolean browserSession = login.lifetime().isZero();
                    SessionService.Issued issued = sessions.login(login.user(), call.clientIp(), call.userAgent(),
                            browserSession ? SessionService.BROWSER_SESSION_LIFETIME : login.lifetime(), login.amr());
                    setCookies.addAll(cookies.issue(issued.key(), sessions.csrfToken(issued.session()),
                            browserSession ? null : issued.session().expires(), Instant.now(), call.secure()));
                }
                case FlowEffect.Logout logout -> {
                    SessionCookies.read(call.cookieHeader(), SessionCookies.SESSION)
                            .ifPresent(key -> sessions.logout(key, call.clientIp()));
                    setCookies.addAll(cookies.clear(call.secure()));
                }
                case FlowEffect.Remember remember -> setCookies.add(remember.identifier() == null
                        ? cookies.forget(call.secure()) : cookies.remember(remember.identifier(), call.secure()));
            }
        }
    }

    /** The query parameter of an invitation link ({@code /if/flow/<slug>/?itoken=<uuid>}). */
    static final String ITOKEN = "itoken";

    /**
     * Whether this request opens an invitation link other than the one the browser's plan was started with: the
     * plan is then dropped and a fresh one started with the new link, rather than the old one silently continued.
     */
    private static boolean otherInvitation(FlowPlans.Entry entry, Call call) {
        Optional<String> token = invitationToken(call.query());
        return token.isPresent() && !token.equals(entry.plan().context().get(FlowKeys.INVITATION_TOKEN));
    }

    /** The invitation link's token in the original query (an invitation's pk; anything longer is no token). */
    static Optional<String> invitationToken(String query) {
        return param(query, ITOKEN).map(String::trim).filter(t -> !t.isEmpty() && t.length() <= 64);
    }

    /** The {@code next} of the original query, only when it is a path on this site. */
    static Optional<String> nextFrom(String query) {
        return param(query, "next").flatMap(RelativeRedirect::check);
    }

    /** The longest login hint kept (a username or email address). */
    static final int MAX_LOGIN_HINT = 255;

    /** One parameter of the original query, decoded. */
    static Optional<String> param(String query, String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
