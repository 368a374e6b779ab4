package dev.gatehouse.policy;

import static dev.gatehouse.policy.PolicyTables.PolicyBindings.*;

import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.policy.PolicyBinding.TargetKind;
import dev.gatehouse.store.DefinitionCache;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Rows of {@code policies_policybinding}. The target is kept in one of four foreign-key columns (flow,
 * flow-stage binding, application, notification rule) so the database deletes a binding together with its target.
 */
public final class PolicyBindingStore {
    /** Whichever target column is set: what {@code ?target=} compares with. */
    public static final Field<UUID> TARGET = DSL.coalesce(TARGET_FLOW, TARGET_BINDING, TARGET_APPLICATION,
            TARGET_NOTIFICATION_RULE);
    public static final Listing<PolicyBinding> LISTING = Listing.of(T, ALL, UUID_, PolicyBindingStore::map)
            .filter("pk", UUID_).filter("target", TARGET).filter("policy", POLICY).filter("group", GROUP)
            .filter("user", USER).filter("enabled", ENABLED).filter("negate", NEGATE)
            .order("order", ORDER).order("timeout", TIMEOUT)
            .defaultOrder(ORDER.asc())
            .build();

    private final DSLContext dsl;

    public PolicyBindingStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(PolicyBinding b) {
        dsl.insertInto(T).set(UUID_, b.pk()).set(values(b)).execute();
    }

    public void update(PolicyBinding b) {
        dsl.update(T).set(values(b)).where(UUID_.eq(b.pk())).execute();
    }

    private static java.util.Map<Field<?>, Object> values(PolicyBinding b) {
        java.util.Map<Field<?>, Object> m = new java.util.LinkedHashMap<>();
        m.put(TARGET_FLOW, b.targetKind() == TargetKind.FLOW ? b.target() : null);
        m.put(TARGET_BINDING, b.targetKind() == TargetKind.FLOW_STAGE_BINDING ? b.target() : null);
        m.put(TARGET_APPLICATION, b.targetKind() == TargetKind.APPLICATION ? b.target() : null);
        m.put(TARGET_NOTIFICATION_RULE, b.targetKind() == TargetKind.NOTIFICATION_RULE ? b.target() : null);
        m.put(POLICY, b.policy());
        m.put(GROUP, b.group());
        m.put(USER, b.user());
        m.put(NEGATE, b.negate());
        m.put(ENABLED, b.enabled());
        m.put(ORDER, b.order());
        m.put(TIMEOUT, b.timeout());
        m.put(FAILURE_RESULT, b.failureResult());
        return m;
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    public Optional<PolicyBinding> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(PolicyBindingStore::map);
    }

    /** The bindings on one target in evaluation order. */
    public List<PolicyBinding> ofTarget(UUID target) {
        return dsl.select(ALL).from(T)
                .where(TARGET_FLOW.eq(target).or(TARGET_BINDING.eq(target)).or(TARGET_APPLICATION.eq(target))
                        .or(TARGET_NOTIFICATION_RULE.eq(target)))
                .orderBy(ORDER, UUID_).fetch(PolicyBindingStore::map);
    }

    /** {@link #ofTarget} through the {@link DefinitionCache}, for the policy engine. */
    public List<PolicyBinding> ofTargetCached(UUID target) {
        return DefinitionCache.of(dsl).get(List.of("bindings-of-target", target), () -> List.copyOf(ofTarget(target)));
    }

    public long countOfPolicy(UUID policy) {
        return dsl.fetchCount(T, POLICY.eq(policy));
    }

    public Page<PolicyBinding> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }

    static PolicyBinding map(Record r) {
        UUID target;
        TargetKind kind;
        if (r.get(TARGET_FLOW) != null) {
            target = r.get(TARGET_FLOW);
            kind = TargetKind.FLOW;
        } else if (r.get(TARGET_BINDING) != null) {
            target = r.get(TARGET_BINDING);
            kind = TargetKind.FLOW_STAGE_BINDING;
        } else if (r.get(TARGET_APPLICATION) != null) {
            target = r.get(TARGET_APPLICATION);
            kind = TargetKind.APPLICATION;
        } else {
            target = r.get(TARGET_NOTIFICATION_RULE);
            kind = TargetKind.NOTIFICATION_RULE;
        }
        return new PolicyBinding(r.get(UUID_), target, kind, r.get(POLICY), r.get(GROUP), r.get(USER),
                r.get(NEGATE), r.get(ENABLED), r.get(ORDER), r.get(TIMEOUT), r.get(FAILURE_RESULT));
    }
}
