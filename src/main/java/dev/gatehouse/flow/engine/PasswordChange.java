package dev.gatehouse.flow.engine;

import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.policy.Demand;
import dev.gatehouse.store.Database;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a plan meets a policy's {@link Demand#PASSWORD_CHANGE} (the password expiry policy): the stages of the
 * {@code default-password-change} flow (as it comes: the new password twice, then user_write, which sets it and the
 * change date) are put just before the stage whose binding demanded it, and the policy's message is shown above the
 * password form ({@link FlowKeys#NOTICE}). That flow's own requirement and policies do not apply: the stages run for
 * the plan's pending user, and only once that user has proven who they are ({@link #authenticated}). Once per plan: a
 * binding that still demands a change after it ends the flow.
 */
final class PasswordChange {
    /** The flow whose stages are run (authentik's password stage {@code configure_flow} of the default blueprint). */
    static final String FLOW = "default-password-change";
    /** Set once the stages were put into the plan. */
    static final ContextKey<Boolean> DEMANDED = new ContextKey<>("password_change_demanded", Boolean.class);

    private PasswordChange() {
    }

    /**
     * Puts the password-change stages before the plan's current stage with {@code notice} to show; false when they
     * were put in before or there are none (the caller then ends the flow).
     */
    static boolean insert(Database db, FlowPlan plan, FlowRequest request, String notice) {
        if (plan.context().get(DEMANDED).orElse(false) || !authenticated(plan, request)) {
            return false;
        }
        List<PlannedStage> stages = stages(db, plan);
        if (stages.isEmpty()) {
            return false;
        }
        plan.insertBeforeCurrent(stages);
        plan.context().put(DEMANDED, true);
        if (notice != null && !notice.isBlank()) {
            plan.context().put(FlowKeys.NOTICE, notice);
        }
        return true;
    }

    /**
     * Whether the user the stages would write to has proven who they are: signed in (and the plan's pending user, if
     * any), or signed in by this plan with a password, a passkey or a device. Not with an app password, and not
     * merely identified: bound before the password stage, the demand ends the flow instead of letting anyone who
     * knows a username set its password.
     */
    static boolean authenticated(FlowPlan plan, FlowRequest request) {
        var pending = plan.context().get(FlowKeys.PENDING_USER);
        if (request.user() != null && (pending.isEmpty() || pending.get().pk() == request.user().pk())) {
            return true;
        }
        return pending.isPresent() && plan.context().get(FlowKeys.AUTH_METHOD)
                .filter(m -> m.equals(AuthMethods.PASSWORD) || m.equals(AuthMethods.MFA) || m.equals(AuthMethods.PASSKEY))
                .isPresent();
    }

    private static List<PlannedStage> stages(Database db, FlowPlan plan) {
        var dsl = db.dsl();
        List<PlannedStage> out = new ArrayList<>();
        new FlowStore(dsl).bySlugCached(FLOW).ifPresent(flow -> {
            List<FlowStageBinding> bindings = new ArrayList<>(new FlowBindingStore(dsl).ofFlowCached(flow.pk()));
            bindings.sort(Comparator.comparingInt(FlowStageBinding::order));
            for (FlowStageBinding b : bindings) {
                new StageStore(dsl).byPkCached(b.stage())
                        .ifPresent(stage -> out.add(PlannedStage.inserted(stage, plan.flow().pk())));
            }
        });
        return out;
    }
}
