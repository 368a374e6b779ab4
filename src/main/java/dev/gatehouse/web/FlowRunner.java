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
import dev.gatehouse.flow.engine.FlowRollback;
import dev.gatehouse.flow.engine.InMemoryStages;
import dev.gatehouse.flow.engine.PlannedStage;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.store.Database;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * <p>Each request runs its stages and stores the plan in one database transaction, so a stage that gives up
 * ({@link FlowRollback}) leaves nothing of the request behind; session cookies are issued after it commits. A
 * link with {@code ?flow_token=} resumes a plan a stage parked ({@link FlowPlans#park}) in whichever browser
 * opens it.
 */
public final class FlowRunner {
    private final Database db;
    private final FlowPlanner planner;
    private final FlowExecutor executor;
    private final FlowPlans plans;
    private final SessionService sessions;
    private final SessionCookies cookies;
    private final byte[] formKey;
    private final Object[] locks = new Object[64];

    public FlowRunner(Database db, FlowPlanner planner, FlowExecutor executor, FlowPlans plans,
                      SessionService sessions, SessionCookies cookies, String secretKey) {
        this.db = db;
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
     * redirects to its GET, post/redirect/get); {@code status} is the HTTP status of the page (410 for a link that
     * no longer works).
     */
    public record Outcome(Step step, boolean accepted, List<String> setCookies, String flowKey, int status) {
        public Outcome(Step step, boolean accepted, List<String> setCookies, String flowKey) {
            this(step, accepted, setCookies, flowKey, 200);
        }
    }

    /** The page of a link that does not resume anything. */
    public static final String LINK_INVALID = "This link is invalid, expired or was already used.";

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
            try {
                step = db.tx(dsl -> {
                    Step shown = executor.current(plan, request, effects);
                    return shown instanceof Step.Show
                            ? store(() -> plans.put(flowKey, flow, new FlowPlans.Entry(plan, null)), shown) : shown;
                });
            } catch (FlowRollback rollback) {
                rollback.afterRollback().run();
                return new Outcome(new Step.Denied(rollback.getMessage()), false, setCookies, flowKey);
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

    /**
     * Runs one request of a flow in one transaction: the stages it runs and the plan it stores are written together,
     * or, when a stage gives up ({@link FlowRollback}), not at all.
     */
    private Outcome run(Flow flow, Call call, Map<String, Object> response) {
        Optional<String> presentedKey = SessionCookies.read(call.cookieHeader(), SessionCookies.FLOW);
        String flowKey = presentedKey.orElseGet(() -> Secrets.randomKey(43));
        List<String> setCookies = new ArrayList<>();
        if (presentedKey.isEmpty()) {
            setCookies.add(cookies.flowCookie(flowKey, call.secure()));
        }
        FlowRequest request = request(call);
        Optional<String> flowToken = response != null ? Optional.empty()
                : FlowQuery.flowToken(call.query());
        if (flowToken.isPresent()) {
            return resume(flow, call, flowToken.get(), presentedKey, flowKey, request, setCookies);
        }
        List<FlowEffect> effects = new ArrayList<>();
        Ran ran;
        synchronized (lock(flowKey, flow)) {
            try {
                ran = db.tx(dsl -> step(flow, call, response, presentedKey.isPresent(), flowKey, request, effects));
            } catch (FlowRollback rollback) {
                return new Outcome(rolledBack(flow, flowKey, request, rollback), false, setCookies, flowKey);
            }
        }
        applyEffects(effects, call, setCookies);
        if (!ran.flowKey().equals(flowKey)) {
            setCookies.removeIf(c -> c.startsWith(SessionCookies.FLOW + "="));
            setCookies.add(cookies.flowCookie(ran.flowKey(), call.secure()));
        }
        return new Outcome(ran.step(), ran.accepted(), setCookies, ran.flowKey());
    }

    /** What one request did: the step to show, whether an answer was taken, and the key the plan is now under. */
    private record Ran(Step step, boolean accepted, String flowKey) {
    }

    private Ran step(Flow flow, Call call, Map<String, Object> response, boolean presented, String flowKey,
                     FlowRequest request, List<FlowEffect> effects) {
        FlowPlans.Entry entry = presented ? plans.get(flowKey, flow) : null;
        if (entry != null && response == null && otherInvitation(entry, call)) {
            plans.remove(flowKey, flow);
            entry = null;
        }
        if (entry != null && entry.finished() != null) {
            plans.remove(flowKey, flow);
            return new Ran(entry.finished(), false, flowKey);
        }
        if (entry == null) {
            FlowContext context = new FlowContext();
            FlowQuery.seed(context, call.query());
            SessionCookies.remembered(call.cookieHeader()).ifPresent(id -> context.put(FlowKeys.REMEMBERED_IDENTIFIER, id));
            FlowPlanner.Planned planned = planner.plan(flow, request, context);
            if (planned instanceof FlowPlanner.Planned.Denied denied) {
                return new Ran(new Step.Denied(denied.message()), false, flowKey);
            }
            entry = new FlowPlans.Entry(((FlowPlanner.Planned.Ready) planned).plan(), null);
        }
        FlowPlan plan = entry.plan();
        Step step = response != null ? executor.submit(plan, request, response, effects)
                : executor.current(plan, request, effects);
        if (response != null && !(step instanceof Step.Show show && !show.errors().isEmpty())) {
            // Every accepted answer moves the plan to a new flow key: a key planted in this browser
            // before (cookie tossing) cannot follow the plan past the user's own answers.
            String rotated = Secrets.randomKey(43);
            Step shown = step;
            step = store(() -> plans.move(flowKey, rotated, flow,
                    new FlowPlans.Entry(plan, shown instanceof Step.Show ? null : shown)), step);
            return new Ran(step, step == shown, rotated);
        }
        if (step instanceof Step.Show) {
            step = store(() -> plans.put(flowKey, flow, new FlowPlans.Entry(plan, null)), step);
        } else {
            plans.remove(flowKey, flow);
        }
        return new Ran(step, false, flowKey);
    }

    /**
     * After a stage rolled the request back: runs its {@code afterRollback}, then shows the plan as it was stored
     * before the request, its current challenge with the stage's message; a plan this request had only started
     * ends with the message.
     */
    private Step rolledBack(Flow flow, String flowKey, FlowRequest request, FlowRollback rollback) {
        rollback.afterRollback().run();
        Step ended = new Step.Denied(rollback.getMessage());
        try {
            return db.tx(dsl -> {
                FlowPlans.Entry entry = plans.get(flowKey, flow);
                if (entry == null || entry.finished() != null) {
                    return ended;
                }
                Step shown = executor.current(entry.plan(), request, new ArrayList<>());
                if (!(shown instanceof Step.Show show)) {
                    return ended;
                }
                plans.put(flowKey, flow, entry);
                return new Step.Show(show.challenge(), Map.of(NON_FIELD_ERRORS, List.of(rollback.getMessage())));
            });
        } catch (FlowRollback again) {
            again.afterRollback().run();
            return ended;
        }
    }

    private static final String NON_FIELD_ERRORS = "non_field_errors";

    /**
     * Opens a link to a parked plan ({@code ?flow_token=}): takes the plan once ({@link FlowPlans#claim}), marks it
     * {@linkplain FlowKeys#IS_RESTORED restored} and runs it under a new flow key for this browser, whichever browser
     * it is; the adapter then redirects to the flow's page without the token. A link that resumes nothing gets
     * {@link #LINK_INVALID} (410).
     */
    private Outcome resume(Flow flow, Call call, String token, Optional<String> presentedKey, String browserKey,
                           FlowRequest request, List<String> setCookies) {
        String flowKey = Secrets.randomKey(43);
        List<FlowEffect> effects = new ArrayList<>();
        Ran ran;
        synchronized (lock(flowKey, flow)) {
            try {
                ran = db.tx(dsl -> {
                    Optional<FlowPlan> parked = plans.claim(token, flow);
                    if (parked.isEmpty()) {
                        return null;
                    }
                    presentedKey.ifPresent(old -> plans.remove(old, flow));
                    FlowPlan plan = parked.get();
                    plan.context().put(FlowKeys.IS_RESTORED, true);
                    Step step = executor.current(plan, request, effects);
                    Step stored = store(() -> plans.put(flowKey, flow,
                            new FlowPlans.Entry(plan, step instanceof Step.Show ? null : step)), step);
                    return new Ran(stored, stored == step, flowKey);
                });
            } catch (FlowRollback rollback) {
                rollback.afterRollback().run();
                return new Outcome(new Step.Denied(rollback.getMessage()), false, setCookies, browserKey);
            }
        }
        if (ran == null) {
            return new Outcome(new Step.Denied(LINK_INVALID), false, setCookies, browserKey, 410);
        }
        applyEffects(effects, call, setCookies);
        setCookies.removeIf(c -> c.startsWith(SessionCookies.FLOW + "="));
        setCookies.add(cookies.flowCookie(flowKey, call.secure()));
        return new Outcome(ran.step(), ran.accepted(), setCookies, flowKey);
    }

    /**
     * Plans {@code flow} for nobody signed in with {@code context} (authentik's admin "recovery link": the pending
     * user) and parks it under a new token for {@code lifetime}; the link that resumes it, or empty when the flow's
     * policies refuse the plan.
     */
    public Optional<String> link(Flow flow, FlowContext context, String baseUrl, Duration lifetime) {
        return link(flow, null, context, baseUrl, lifetime);
    }

    /**
     * As above, planned for {@code caller} as the signed-in user (null: nobody), so a flow that requires a signed-in
     * user (the lockdown flow an admin or the user asks for through the API) plans for them; the browser that opens
     * the link runs it.
     */
    public Optional<String> link(Flow flow, dev.gatehouse.core.User caller, FlowContext context, String baseUrl,
                                 Duration lifetime) {
        FlowPlanner.Planned planned = planner.plan(flow, new FlowRequest(caller, null, PolicyRequest.Http.NONE, false,
                baseUrl), context);
        if (!(planned instanceof FlowPlanner.Planned.Ready ready)) {
            return Optional.empty();
        }
        String token = Secrets.randomKey(43);
        plans.park(token, ready.plan(), lifetime);
        return Optional.of(baseUrl.replaceAll("/+$", "") + "/if/flow/" + flow.slug() + "/?" + FlowQuery.FLOW_TOKEN + "=" + token);
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

    /**
     * Whether this request opens an invitation link other than the one the browser's plan was started with: the
     * plan is then dropped and a fresh one started with the new link, rather than the old one silently continued.
     */
    private static boolean otherInvitation(FlowPlans.Entry entry, Call call) {
        Optional<String> token = FlowQuery.invitationToken(call.query());
        return token.isPresent() && !token.equals(entry.plan().context().get(FlowKeys.INVITATION_TOKEN));
    }
}
