package dev.gatehouse.flow;

import static dev.gatehouse.flow.FlowTables.FlowBindings.*;

import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.store.DefinitionCache;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Rows of {@code flows_flowstagebinding}: which stage runs at which order in which flow. */
public final class FlowBindingStore {
    public static final Listing<FlowStageBinding> LISTING = Listing.of(T, ALL, UUID_, FlowBindingStore::map)
            .filter("pk", UUID_).filter("target", TARGET).filter("stage", STAGE)
            .filter("evaluate_on_plan", EVALUATE_ON_PLAN).filter("re_evaluate_policies", RE_EVALUATE_POLICIES)
            .filter("invalid_response_action", INVALID_RESPONSE_ACTION)
            .order("order", ORDER)
            .defaultOrder(TARGET.asc()).defaultOrder(ORDER.asc())
            .build();

    private final DSLContext dsl;

    public FlowBindingStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(FlowStageBinding b) {
        dsl.insertInto(T).set(UUID_, b.pk()).set(TARGET, b.target()).set(STAGE, b.stage()).set(ORDER, b.order())
                .set(EVALUATE_ON_PLAN, b.evaluateOnPlan()).set(RE_EVALUATE_POLICIES, b.reEvaluatePolicies())
                .set(INVALID_RESPONSE_ACTION, b.invalidResponseAction())
                .set(POLICY_ENGINE_MODE, b.policyEngineMode()).execute();
    }

    public void update(FlowStageBinding b) {
        dsl.update(T).set(TARGET, b.target()).set(STAGE, b.stage()).set(ORDER, b.order())
                .set(EVALUATE_ON_PLAN, b.evaluateOnPlan()).set(RE_EVALUATE_POLICIES, b.reEvaluatePolicies())
                .set(INVALID_RESPONSE_ACTION, b.invalidResponseAction())
                .set(POLICY_ENGINE_MODE, b.policyEngineMode()).where(UUID_.eq(b.pk())).execute();
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    public Optional<FlowStageBinding> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(FlowBindingStore::map);
    }

    public boolean exists(UUID pk) {
        return dsl.fetchExists(T, UUID_.eq(pk));
    }

    /** The bindings of a flow in the order they run. */
    public List<FlowStageBinding> ofFlow(UUID flow) {
        return dsl.select(ALL).from(T).where(TARGET.eq(flow)).orderBy(ORDER, UUID_).fetch(FlowBindingStore::map);
    }

    /** {@link #ofFlow} through the {@link DefinitionCache}, for the planner. */
    public List<FlowStageBinding> ofFlowCached(UUID flow) {
        return DefinitionCache.of(dsl).get(List.of("bindings-of-flow", flow), () -> List.copyOf(ofFlow(flow)));
    }

    /** Whether {@code flow} already binds {@code stage} at {@code order} (authentik's unique set), other than {@code exceptPk}. */
    public boolean bound(UUID flow, UUID stage, int order, UUID exceptPk) {
        return dsl.fetchExists(T, TARGET.eq(flow).and(STAGE.eq(stage)).and(ORDER.eq(order))
                .and(exceptPk == null ? DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    public Page<FlowStageBinding> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }

    static FlowStageBinding map(Record r) {
        return new FlowStageBinding(r.get(UUID_), r.get(TARGET), r.get(STAGE), r.get(ORDER), r.get(EVALUATE_ON_PLAN),
                r.get(RE_EVALUATE_POLICIES), r.get(INVALID_RESPONSE_ACTION), r.get(POLICY_ENGINE_MODE));
    }
}
