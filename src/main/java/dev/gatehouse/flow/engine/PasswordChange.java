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
 * the plan's pending user. Once per plan: a binding that still demands a change after it ends the flow.
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
    static boolean insert(Database db, FlowPlan plan, String notice) {
        if (plan.context().get(DEMANDED).orElse(false)) {
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
