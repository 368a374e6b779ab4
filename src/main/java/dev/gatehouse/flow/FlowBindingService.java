package dev.gatehouse.flow;

import static dev.gatehouse.flow.FlowService.or;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.Validation;
import dev.gatehouse.store.Database;
import java.util.UUID;
import org.jooq.DSLContext;

/** Flow-stage bindings: a stage at an order in a flow; one binding per order and flow. */
public final class FlowBindingService {
    private static final String MODEL = "flowstagebinding";
    private final Database db;

    public FlowBindingService(Database db) {
        this.db = db;
    }

    public FlowStageBinding create(Actor actor, FlowBindingChanges c) {
        return db.tx(dsl -> {
            Validation v = new Validation().required(c.target(), "target").required(c.stage(), "stage")
                    .required(c.order(), "order");
            FlowStageBinding b = new FlowStageBinding(UUID.randomUUID(), c.target(), c.stage(),
                    or(c.order(), 0), or(c.evaluateOnPlan(), false), or(c.reEvaluatePolicies(), true),
                    or(c.invalidResponseAction(), FlowBindingChanges.INVALID_RESPONSE_ACTION.defaultValue()),
                    or(c.policyEngineMode(), FlowBindingChanges.POLICY_ENGINE_MODE.defaultValue()));
            validate(dsl, v, c, b);
            new FlowBindingStore(dsl).insert(b);
            EventLog.modelCreated(dsl, actor, MODEL, b.pk(), name(dsl, b));
            return b;
        });
    }

    public FlowStageBinding update(Actor actor, UUID pk, FlowBindingChanges c) {
        return db.tx(dsl -> {
            FlowStageBinding old = new FlowBindingStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            FlowStageBinding b = new FlowStageBinding(pk, or(c.target(), old.target()), or(c.stage(), old.stage()),
                    or(c.order(), old.order()), or(c.evaluateOnPlan(), old.evaluateOnPlan()),
                    or(c.reEvaluatePolicies(), old.reEvaluatePolicies()),
                    or(c.invalidResponseAction(), old.invalidResponseAction()),
                    or(c.policyEngineMode(), old.policyEngineMode()));
            validate(dsl, new Validation(), c, b);
            new FlowBindingStore(dsl).update(b);
            EventLog.modelUpdated(dsl, actor, MODEL, pk, name(dsl, b));
            return b;
        });
    }

    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            FlowStageBinding b = new FlowBindingStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            String name = name(dsl, b);
            new FlowBindingStore(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, MODEL, pk, name);
        });
    }

    private static void validate(DSLContext dsl, Validation v, FlowBindingChanges c, FlowStageBinding b) {
        if (b.target() != null && !new FlowStore(dsl).exists(b.target())) {
            v.error("target", "Invalid pk \"" + b.target() + "\" - object does not exist.");
        }
        if (b.stage() != null && new StageStore(dsl).typeOf(b.stage()) == null) {
            v.error("stage", "Invalid pk \"" + b.stage() + "\" - object does not exist.");
        }
        FlowBindingChanges.DEFINITION.check(c, v::error);
        if (v.ok() && new FlowBindingStore(dsl).bound(b.target(), b.stage(), b.order(), b.pk())) {
            v.error("non_field_errors", "The fields target, stage, order must make a unique set.");
        }
        v.throwIfInvalid();
    }

    /** authentik names a binding "Flow-binding <flow> #<order> to <stage>". */
    private static String name(DSLContext dsl, FlowStageBinding b) {
        String flow = new FlowStore(dsl).byPk(b.target()).map(Flow::slug).orElse("?");
        String stage = new StageStore(dsl).byPk(b.stage()).map(Stage::name).orElse("?");
        return "Flow-binding " + flow + " #" + b.order() + " to " + stage;
    }
}
