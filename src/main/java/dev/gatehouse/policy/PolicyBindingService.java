package dev.gatehouse.policy;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.Validation;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.policy.PolicyBinding.TargetKind;
import dev.gatehouse.store.Database;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Policy bindings: exactly one of policy, group or user, bound to a flow, a flow-stage binding, an application or a
 * notification rule.
 */
public final class PolicyBindingService {
    public static final String ONLY_ONE = "Only one of 'policy', 'group' or 'user' can be set.";
    private static final String MODEL = "policybinding";
    private final Database db;

    public PolicyBindingService(Database db) {
        this.db = db;
    }

    public PolicyBinding create(Actor actor, PolicyBindingChanges c) {
        return db.tx(dsl -> {
            Validation v = new Validation().required(c.target(), "target").required(c.order(), "order");
            PolicyBinding b = build(dsl, v, UUID.randomUUID(), c, null);
            new PolicyBindingStore(dsl).insert(b);
            EventLog.modelCreated(dsl, actor, MODEL, b.pk(), name(b));
            return b;
        });
    }

    public PolicyBinding update(Actor actor, UUID pk, PolicyBindingChanges c) {
        return db.tx(dsl -> {
            PolicyBinding old = new PolicyBindingStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            PolicyBinding b = build(dsl, new Validation(), pk, c, old);
            new PolicyBindingStore(dsl).update(b);
            EventLog.modelUpdated(dsl, actor, MODEL, pk, name(b));
            return b;
        });
    }

    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            PolicyBinding b = new PolicyBindingStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            new PolicyBindingStore(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, MODEL, pk, name(b));
        });
    }

    /** The binding the changes describe on top of {@code old} (or of the defaults), or a ValidationException. */
    private static PolicyBinding build(DSLContext dsl, Validation v, UUID pk, PolicyBindingChanges c, PolicyBinding old) {
        UUID target = c.target() != null ? c.target() : old == null ? null : old.target();
        UUID policy = pickOptional(c.policy(), old == null ? null : old.policy());
        UUID group = pickOptional(c.group(), old == null ? null : old.group());
        Long user = pickOptional(c.user(), old == null ? null : old.user());
        TargetKind kind = target == null ? null : kindOf(dsl, target);
        if (target != null && kind == null) {
            v.error("target", "Invalid pk \"" + target + "\" - object does not exist.");
        }
        int set = (policy == null ? 0 : 1) + (group == null ? 0 : 1) + (user == null ? 0 : 1);
        v.check(set == 1, "non_field_errors", ONLY_ONE);
        if (policy != null && !new PolicyStore(dsl).exists(policy)) {
            v.error("policy", "Invalid pk \"" + policy + "\" - object does not exist.");
        }
        if (group != null && new GroupStore(dsl).existing(Set.of(group)).isEmpty()) {
            v.error("group", "Invalid pk \"" + group + "\" - object does not exist.");
        }
        if (user != null && new UserStore(dsl).byPk(user).isEmpty()) {
            v.error("user", "Invalid pk \"" + user + "\" - object does not exist.");
        }
        PolicyBindingChanges.DEFINITION.check(c, v::error);
        int timeout = c.timeout() != null ? c.timeout() : old == null ? 30 : old.timeout();
        v.throwIfInvalid();
        return new PolicyBinding(pk, target, kind, policy, group, user,
                pick(c.negate(), old == null ? false : old.negate()), pick(c.enabled(), old == null || old.enabled()),
                c.order() != null ? c.order() : old.order(), timeout,
                pick(c.failureResult(), old == null ? false : old.failureResult()));
    }

    private static TargetKind kindOf(DSLContext dsl, UUID target) {
        if (new FlowStore(dsl).exists(target)) {
            return TargetKind.FLOW;
        }
        if (new FlowBindingStore(dsl).exists(target)) {
            return TargetKind.FLOW_STAGE_BINDING;
        }
        if (new ApplicationStore(dsl).byPk(target).isPresent()) {
            return TargetKind.APPLICATION;
        }
        // Notification rules are a feature of their own (dev.gatehouse.notification, which uses this package):
        // their table is named here rather than their store, so the packages do not depend on each other.
        return dsl.fetchExists(DSL.table(DSL.name("events_notificationrule")),
                DSL.field(DSL.name("events_notificationrule", "uuid"), UUID.class).eq(target))
                ? TargetKind.NOTIFICATION_RULE : null;
    }

    private static <T> T pickOptional(Optional<T> given, T old) {
        return given == null ? old : given.orElse(null);
    }

    private static <T> T pick(T given, T old) {
        return given != null ? given : old;
    }

    private static String name(PolicyBinding b) {
        return "Binding from " + b.target() + " #" + b.order();
    }
}
