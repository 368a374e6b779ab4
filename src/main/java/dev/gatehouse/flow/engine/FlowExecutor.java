package dev.gatehouse.flow.engine;

import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.FlowPlanner.Planned;
import dev.gatehouse.policy.Demand;
import dev.gatehouse.policy.engine.PolicyResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a plan: shows the current stage's challenge, hands it the client's answer, and moves on. Stage
 * bindings with re_evaluate_policies are checked just before their stage runs (for the pending user) and
 * skipped when they fail, unless a failing policy {@linkplain Demand demands} otherwise: the end of the flow with its
 * messages, or a password change first ({@link PasswordChange}), after which the binding is checked again. An invalid answer is retried, or restarts the flow (with or without its
 * context), as the binding says. When a stage denies the plan, the stages still ahead are told
 * ({@link StageView#planDenied}). The same code serves the browser, the executor API and headless callers.
 */
public final class FlowExecutor {
    private final FlowPlanner planner;
    private final FlowServices services;

    public FlowExecutor(FlowPlanner planner, FlowServices services) {
        this.planner = planner;
        this.services = services;
    }

    /** What the client sees next. */
    public sealed interface Step {
        /** A challenge to answer; {@code errors} are the previous answer's, empty on a fresh challenge. */
        record Show(Challenge challenge, Map<String, List<String>> errors) implements Step {
        }

        /** The flow is complete: go to {@code redirect}. */
        record Done(String redirect) implements Step {
        }

        /** The flow ended without success for this user. */
        record Denied(String message) implements Step {
        }
    }

    /** The current challenge, after running every stage that needs no input. */
    public Step current(FlowPlan plan, FlowRequest request, List<FlowEffect> effects) {
        while (true) {
            Optional<PlannedStage> next = plan.current();
            if (next.isEmpty()) {
                return new Step.Done(plan.context().get(FlowKeys.REDIRECT).orElse("/"));
            }
            PlannedStage ps = next.get();
            if (ps.binding().reEvaluatePolicies()) {
                PolicyResult policies = planner.bindingResult(ps.binding(), request, actingUser(plan, request),
                        plan.context());
                if (!policies.passing()) {
                    Step demanded = demanded(plan, request, policies);
                    if (demanded != null) {
                        return demanded;
                    }
                    if (!policies.demands().contains(Demand.PASSWORD_CHANGE)) {
                        plan.advance();
                    }
                    continue;
                }
            }
            StageView<?> view = view(ps);
            if (view == null) {
                return new Step.Denied("The stage \"" + ps.stage().name() + "\" (" + ps.stage().type()
                        + ") cannot run in this version.");
            }
            StageRun run = new StageRun(plan, ps.stage(), request, services, effects);
            Optional<Challenge> challenge = view.challenge(run);
            if (challenge.isPresent()) {
                return new Step.Show(challenge.get(), Map.of());
            }
            Step after = apply(plan, request, ps, view.submitAnswer(run, Map.of()), effects);
            if (after != null) {
                return after;
            }
        }
    }

    /**
     * What a failing binding's policies demand ({@link Demand}): the end of the flow with their messages, or the
     * password-change stages put before the stage ({@link PasswordChange}; null then, and the loop goes on with them).
     * Null when they demand nothing: the stage is left out, as authentik does.
     */
    private Step demanded(FlowPlan plan, FlowRequest request, PolicyResult policies) {
        String message = FlowPlanner.message(policies, FlowPlanner.DENIED);
        if (policies.demands().contains(Demand.DENY)) {
            return new Step.Denied(message);
        }
        if (policies.demands().contains(Demand.PASSWORD_CHANGE)
                && !PasswordChange.insert(planner.db(), plan, request, message)) {
            return new Step.Denied(message);
        }
        return null;
    }

    /** Answers the current challenge; then either the next step or the same challenge with errors. */
    public Step submit(FlowPlan plan, FlowRequest request, Map<String, Object> response, List<FlowEffect> effects) {
        Optional<PlannedStage> next = plan.current();
        if (next.isEmpty()) {
            return current(plan, request, effects);
        }
        PlannedStage ps = next.get();
        StageView<?> view = view(ps);
        if (view == null) {
            return current(plan, request, effects);
        }
        StageRun run = new StageRun(plan, ps.stage(), request, services, effects);
        Step after = apply(plan, request, ps, view.submitAnswer(run, response), effects);
        return after != null ? after : current(plan, request, effects);
    }

    /** Applies a stage's result; null means "carry on with the next stage". */
    private Step apply(FlowPlan plan, FlowRequest request, PlannedStage ps, StageResult result,
                       List<FlowEffect> effects) {
        return switch (result) {
            case StageResult.Continue c -> {
                plan.advance();
                yield null;
            }
            case StageResult.Deny d -> {
                for (PlannedStage ahead : plan.upcoming()) {
                    StageView<?> view = view(ahead);
                    if (view != null) {
                        view.planDenied(new StageRun(plan, ahead.stage(), request, services, effects));
                    }
                }
                yield new Step.Denied(d.message());
            }
            case StageResult.Again again -> current(plan, request, effects);
            case StageResult.Invalid invalid -> invalid(plan, request, ps, invalid, effects);
        };
    }

    private Step invalid(FlowPlan plan, FlowRequest request, PlannedStage ps, StageResult.Invalid invalid,
                         List<FlowEffect> effects) {
        String action = ps.binding().invalidResponseAction();
        if (!action.equals("retry")) {
            FlowContext kept = action.equals("restart_with_context") ? plan.context() : restartContext(plan);
            Planned fresh = planner.plan(plan.flow(), request, kept);
            if (fresh instanceof Planned.Denied denied) {
                return new Step.Denied(denied.message());
            }
            plan.restartWith(((Planned.Ready) fresh).plan(), kept);
        }
        Step shown = current(plan, request, effects);
        return shown instanceof Step.Show show ? new Step.Show(show.challenge(), invalid.errors()) : shown;
    }

    /**
     * A restart forgets what the user entered but keeps what the plan was started with: where the flow
     * should lead and what its caller put in (the application and permissions of an authorization), which
     * the stages appended by that caller rely on.
     */
    private static FlowContext restartContext(FlowPlan plan) {
        return plan.initialContext();
    }

    /** Policies of later stages see the identified (pending) user, else whoever is signed in. */
    private static User actingUser(FlowPlan plan, FlowRequest request) {
        return plan.context().get(FlowKeys.PENDING_USER).orElse(request.user());
    }

    private static StageView<?> view(PlannedStage ps) {
        if (ps.view() != null) {
            return ps.view();
        }
        return StageTypes.byName(ps.stage().type()).map(StageType::view).orElse(null);
    }
}
