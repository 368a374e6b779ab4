package dev.gatehouse.policy.engine;

import dev.gatehouse.policy.Demand;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.PolicyEvaluator;
import dev.gatehouse.core.PolicyEngineMode;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.Group;
import dev.gatehouse.core.UserGroups;
import dev.gatehouse.geoip.GeoIp;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.policy.PolicyBindingStore;
import dev.gatehouse.policy.PolicyStore;
import dev.gatehouse.policy.PolicyTypes;
import dev.gatehouse.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * Decides whether a request passes a target's policy bindings (authentik's {@code PolicyEngine}).
 * <ul>
 * <li>Only enabled bindings count, in binding order; no bindings ⇒ pass.</li>
 * <li>A policy binding runs its type's evaluator on a virtual thread; all of a target's policies start at
 * once and each is interrupted at its binding's timeout (seconds). A timeout, an evaluator error or an
 * exception yields the binding's {@code failure_result} (not negated, as in authentik) and a
 * {@code policy_exception} event.</li>
 * <li>A group binding passes for members, directly or through parent groups; a user binding for that user.</li>
 * <li>The user's groups are loaded once per evaluation and handed to the policies with the request
 * ({@link PolicyRequest#groups()}), so evaluators read data and never the database.</li>
 * <li>{@code negate} inverts a decided result, not its messages.</li>
 * <li>{@code all}: every binding passes; {@code any}: at least one. Messages come from failing bindings, and so
 * do the {@linkplain Demand demands} of their (non-negated) policies.</li>
 * </ul>
 * The engine adds the client IP's GeoIP and ASN data to the context ({@code geoip}, {@code asn}) when they are
 * configured, as authentik's policy requests carry them. Policies have no side effects; the engine is what records
 * events (DESIGN.md point 7).
 */
public final class PolicyEngine {
    private static final Logger LOG = Logger.getLogger(PolicyEngine.class.getName());
    private final Database db;
    private static final ConfirmedAuthenticators AUTHENTICATORS = ConfirmedAuthenticators.registered();
    private final Function<String, Optional<? extends PolicyEvaluator>> evaluators;

    /** An engine over the registered policy types ({@link PolicyTypes}). */
    public PolicyEngine(Database db) {
        this(db, PolicyTypes::byName);
    }

    /** An engine whose evaluators are looked up by policy type name. */
    public PolicyEngine(Database db, Function<String, Optional<? extends PolicyEvaluator>> evaluators) {
        this.db = db;
        this.evaluators = evaluators;
    }

    /** One binding's own result, after negate or failure_result; {@code demands} only of a non-negated policy. */
    record BindingResult(PolicyBinding binding, boolean passing, List<String> messages, Set<Demand> demands) {
        BindingResult(PolicyBinding binding, boolean passing, List<String> messages) {
            this(binding, passing, messages, Set.of());
        }
    }

    public PolicyResult evaluate(UUID target, PolicyEngineMode mode, PolicyRequest request) {
        DSLContext dsl = db.dsl();
        return evaluate(dsl, new PolicyBindingStore(dsl).ofTargetCached(target).stream().filter(PolicyBinding::enabled).toList(),
                mode, request);
    }

    /**
     * Evaluates policies named directly rather than through bindings (a prompt stage's validation policies):
     * each as an enabled, non-negated binding in list order with a 30 s timeout that fails on error.
     */
    public PolicyResult evaluatePolicies(List<UUID> policyPks, PolicyEngineMode mode, PolicyRequest request) {
        List<PolicyBinding> bindings = new ArrayList<>();
        for (int i = 0; i < policyPks.size(); i++) {
            bindings.add(new PolicyBinding(UUID.randomUUID(), policyPks.get(i), PolicyBinding.TargetKind.FLOW_STAGE_BINDING,
                    policyPks.get(i), null, null, false, true, i, 30, false));
        }
        return evaluate(db.dsl(), bindings, mode, request);
    }

    private PolicyResult evaluate(DSLContext dsl, List<PolicyBinding> bindings, PolicyEngineMode mode, PolicyRequest request) {
        if (bindings.isEmpty()) {
            return new PolicyResult(true, List.of(), null);
        }
        if (request.user() != null && request.groups() == null) {
            request = request.withGroups(UserGroups.of(dsl, request.user().pk()));
        }
        if (request.authenticators() == null) {
            request = request.withAuthenticators(user -> AUTHENTICATORS.anyConfirmed(db.dsl(), user));
        }
        if (request.users() == null) {
            request = request.withUsers(dev.gatehouse.expression.UserLookups.stored(db::dsl));
        }
        if (request.reputation() == null) {
            request = request.withReputation((ip, identifier) ->
                    new dev.gatehouse.policy.reputation.ReputationStore(db.dsl()).total(ip, identifier));
        }
        if (request.logins() == null) {
            request = request.withLogins((user, count) ->
                    new dev.gatehouse.policy.geoip.LoginLocations(db.dsl()).recent(user, count));
        }
        request = withGeoIp(request, GeoIp.installed());
        Map<UUID, Running> running = new LinkedHashMap<>();
        try {
            for (PolicyBinding b : bindings) {
                if (b.policy() != null) {
                    running.put(b.pk(), start(dsl, b, request));
                }
            }
            Set<UUID> groups = request.user() == null ? Set.of()
                    : request.groups().all().stream().map(Group::pk).collect(Collectors.toSet());
            List<BindingResult> results = new ArrayList<>();
            for (PolicyBinding b : bindings) {
                BindingResult r;
                if (b.policy() != null) {
                    r = finish(b, running.get(b.pk()), request);
                } else if (b.group() != null) {
                    r = decided(b, groups.contains(b.group()), List.of());
                } else {
                    r = decided(b, request.user() != null && b.user() != null && request.user().pk() == b.user(),
                            List.of());
                }
                results.add(r);
            }
            return combine(mode, results);
        } finally {
            running.values().forEach(r -> r.task().cancel(true));
        }
    }

    /**
     * The request with authentik's {@code geoip} ({@code city_dict}) and {@code asn} ({@code asn_dict}) context
     * entries for its client IP, when a lookup is configured and knows the address and the context has none yet.
     */
    static PolicyRequest withGeoIp(PolicyRequest request, GeoIp geo) {
        if (request.clientIp() == null || !geo.enabled()) {
            return request;
        }
        if (!request.context().containsKey(GeoIp.REQUEST_GEOIP)) {
            Optional<Map<String, Object>> city = geo.city(request.clientIp());
            if (city.isPresent()) {
                request = request.withContext(GeoIp.REQUEST_GEOIP, city.get());
            }
        }
        if (!request.context().containsKey(GeoIp.REQUEST_ASN)) {
            Optional<Map<String, Object>> asn = geo.asn(request.clientIp());
            if (asn.isPresent()) {
                request = request.withContext(GeoIp.REQUEST_ASN, asn.get());
            }
        }
        return request;
    }

    /** Combines binding results; the deciding binding is the first that settles the outcome alone, else the last. */
    static PolicyResult combine(PolicyEngineMode mode, List<BindingResult> results) {
        boolean passing = mode == PolicyEngineMode.ALL
                ? results.stream().allMatch(BindingResult::passing)
                : results.stream().anyMatch(BindingResult::passing);
        List<String> messages = results.stream().filter(r -> !r.passing())
                .flatMap(r -> r.messages().stream()).toList();
        Set<Demand> demands = results.stream().filter(r -> !r.passing())
                .flatMap(r -> r.demands().stream()).collect(Collectors.toSet());
        boolean settles = mode == PolicyEngineMode.ANY;
        PolicyBinding decider = results.stream().filter(r -> r.passing() == settles).findFirst()
                .orElse(results.getLast()).binding();
        return new PolicyResult(passing, messages, decider, demands);
    }

    private record Running(Policy policy, FutureTask<PolicyOutcome> task, long started) {
    }

    private Running start(DSLContext dsl, PolicyBinding b, PolicyRequest request) {
        Optional<Policy> policy = new PolicyStore(dsl).byPkCached(b.policy());
        FutureTask<PolicyOutcome> task = new FutureTask<>(() -> {
            if (policy.isEmpty()) {
                return new PolicyOutcome.Error("Policy " + b.policy() + " does not exist.");
            }
            Optional<? extends PolicyEvaluator> evaluator = evaluators.apply(policy.get().type());
            if (evaluator.isEmpty()) {
                return new PolicyOutcome.Error("Policy type '" + policy.get().type() + "' is not known.");
            }
            return evaluator.get().evaluate(policy.get().config(), request);
        });
        long started = System.nanoTime();
        Thread.ofVirtual().name("policy-" + b.pk()).start(task);
        return new Running(policy.orElse(null), task, started);
    }

    private BindingResult finish(PolicyBinding b, Running run, PolicyRequest request) {
        String name = run.policy() == null ? String.valueOf(b.policy()) : run.policy().name();
        long left = run.started() + TimeUnit.SECONDS.toNanos(b.timeout()) - System.nanoTime();
        PolicyOutcome outcome;
        String detail;
        try {
            outcome = run.task().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            detail = outcome instanceof PolicyOutcome.Error e ? e.message() : null;
        } catch (TimeoutException e) {
            run.task().cancel(true);
            outcome = new PolicyOutcome.Error("Policy '" + name + "' timed out after " + b.timeout() + " s.");
            detail = ((PolicyOutcome.Error) outcome).message();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "policy " + name + " failed", e.getCause());
            outcome = new PolicyOutcome.Error("Policy '" + name + "' could not be evaluated.");
            detail = String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating policy " + name, e);
        }
        return switch (outcome) {
            case PolicyOutcome.Decided d -> {
                if (run.policy() != null && (run.policy().executionLogging() || !d.logs().isEmpty())) {
                    // ak_logger's lines reach the event log even without execution logging
                    record(request, "policy_execution", b, run.policy(), Map.of("passing", d.passing(),
                            "messages", d.messages(), "log_messages", d.logs()));
                }
                BindingResult r = decided(b, d.passing(), d.messages());
                yield b.negate() ? r : new BindingResult(b, r.passing(), r.messages(), d.demands());
            }
            case PolicyOutcome.Error e -> {
                record(request, "policy_exception", b, run.policy(), Map.of("message", String.valueOf(detail)));
                yield new BindingResult(b, b.failureResult(), List.of(e.message()));
            }
        };
    }

    private static BindingResult decided(PolicyBinding b, boolean passing, List<String> messages) {
        return new BindingResult(b, b.negate() != passing, messages);
    }

    /** Writes an event about one binding's policy; the policy itself never writes anything. */
    private void record(PolicyRequest request, String action, PolicyBinding b, Policy policy,
                        Map<String, Object> extra) {
        Map<String, Object> ctx = new LinkedHashMap<>(extra);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pk", String.valueOf(b.policy()));
        if (policy != null) {
            p.put("name", policy.name());
            p.put("type", policy.type());
        }
        ctx.put("policy", p);
        ctx.put("binding", Map.of("pk", b.pk().toString(), "order", b.order(), "target", b.target().toString()));
        db.txRun(dsl -> EventLog.record(dsl, action, new Actor(request.user(), request.clientIp()), ctx));
    }
}
