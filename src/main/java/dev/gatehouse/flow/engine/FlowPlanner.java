package dev.gatehouse.flow.engine;

import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.core.PolicyEngineMode;
import dev.gatehouse.policy.Demand;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.engine.PolicyResult;
import dev.gatehouse.store.Database;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Plans a flow for a request: the flow's authentication requirement, then the flow's policy bindings,
 * then its stage bindings in order — those marked evaluate_on_plan are checked now and left out when
 * their policies fail, or end the plan when a failing policy {@linkplain Demand#DENY demands it}; the others are
 * checked just before they run (FlowExecutor).
 */
public final class FlowPlanner {
    private final Database db;
    private final PolicyEngine policies;

    public FlowPlanner(Database db, PolicyEngine policies) {
        this.db = db;
        this.policies = policies;
    }

    /** A plan, or why this request may not run the flow. */
    public sealed interface Planned {
        record Ready(FlowPlan plan) implements Planned {
        }

        record Denied(String message) implements Planned {
        }
    }

    public Planned plan(Flow flow, FlowRequest request, FlowContext initial) {
        String refused = requirement(flow, request);
        if (refused != null) {
            return new Planned.Denied(refused);
        }
        PolicyResult flowPolicies = policies.evaluate(flow.pk(), PolicyEngineMode.of(flow.policyEngineMode()),
                policyRequest(request, request.user(), initial));
        if (!flowPolicies.passing()) {
            return new Planned.Denied(message(flowPolicies, "You are not allowed to run this flow."));
        }
        DSLContext dsl = db.dsl();
        List<PlannedStage> stages = new ArrayList<>();
        List<FlowStageBinding> bindings = new ArrayList<>(new FlowBindingStore(dsl).ofFlowCached(flow.pk()));
        bindings.sort(Comparator.comparingInt(FlowStageBinding::order));
        for (FlowStageBinding b : bindings) {
            Stage stage = new StageStore(dsl).byPkCached(b.stage()).orElse(null);
            if (stage == null) {
                continue;
            }
            if (b.evaluateOnPlan()) {
                PolicyResult result = bindingResult(b, request, request.user(), initial);
                if (!result.passing() && result.demands().contains(Demand.DENY)) {
                    return new Planned.Denied(message(result, DENIED));
                }
                if (!result.passing()) {
                    continue;
                }
            }
            stages.add(new PlannedStage(b, stage));
        }
        return new Planned.Ready(new FlowPlan(flow, stages, initial));
    }

    private String requirement(Flow flow, FlowRequest request) {
        User user = request.user();
        return switch (flow.authentication()) {
            case "require_authenticated" -> user == null ? "You need to be signed in to run this flow." : null;
            case "require_unauthenticated" -> user != null ? "You are already signed in." : null;
            case "require_superuser" -> user == null || !db.tx(d -> new GroupStore(d).isSuperuser(user.pk()))
                    ? "Only superusers may run this flow." : null;
            case "require_outpost" -> request.outpost() ? null : "This flow can only be run by an outpost.";
            default -> null;
        };
    }

    /** The message of a policy's {@link Demand#DENY} without messages of its own. */
    static final String DENIED = "Permission denied";

    /** Policies bound to a stage binding, for the given user (the pending user once identified). */
    boolean bindingPasses(FlowStageBinding binding, FlowRequest request, User user, FlowContext context) {
        return bindingResult(binding, request, user, context).passing();
    }

    /** As {@link #bindingPasses}, with the messages and the demands of the failing policies. */
    PolicyResult bindingResult(FlowStageBinding binding, FlowRequest request, User user, FlowContext context) {
        return policies.evaluate(binding.pk(), PolicyEngineMode.of(binding.policyEngineMode()),
                policyRequest(request, user, context));
    }

    Database db() {
        return db;
    }

    static PolicyRequest policyRequest(FlowRequest request, User user, FlowContext context) {
        return new PolicyRequest(user, request.clientIp(), request.http(), context.asMap());
    }

    static String message(PolicyResult result, String fallback) {
        return result.messages().isEmpty() ? fallback : String.join(" ", result.messages());
    }
}
