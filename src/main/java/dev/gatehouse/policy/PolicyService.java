package dev.gatehouse.policy;

import static dev.gatehouse.definition.ConfigMerge.merge;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.Validation;
import dev.gatehouse.store.Database;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Policies of every type: the type's registry entry supplies defaults and validates the config; only keys
 * the type declares are stored. Deleting a policy deletes its bindings.
 */
public final class PolicyService {
    private final Database db;

    public PolicyService(Database db) {
        this.db = db;
    }

    public Policy create(Actor actor, PolicyType type, String name, Boolean executionLogging,
                         Map<String, Object> values) {
        return db.tx(dsl -> {
            Map<String, Object> config = merge(type.defaults(), values, type.defaults());
            check(dsl, type, name, config, null).required(name, "name").throwIfInvalid();
            Policy p = new PolicyStore(dsl).insert(name, type.name(), config, Boolean.TRUE.equals(executionLogging));
            EventLog.modelCreated(dsl, actor, type.modelName(), p.pk(), p.name());
            return p;
        });
    }

    /** Changes a policy of the given type; {@code replace} starts from the defaults (PUT), else from the stored config. */
    public Policy update(Actor actor, PolicyType type, UUID pk, String name, Boolean executionLogging,
                         Map<String, Object> values, boolean replace) {
        return db.tx(dsl -> {
            Policy old = new PolicyStore(dsl).byPk(pk).filter(p -> p.type().equals(type.name()))
                    .orElseThrow(NotFoundException::new);
            Map<String, Object> start = replace ? type.defaults() : merge(type.defaults(), old.config(), type.defaults());
            Map<String, Object> config = merge(start, values, type.defaults());
            check(dsl, type, name, config, pk).throwIfInvalid();
            Policy p = new Policy(pk, name == null ? old.name() : name, old.type(), config,
                    executionLogging == null ? old.executionLogging() : executionLogging, old.created());
            new PolicyStore(dsl).update(p);
            EventLog.modelUpdated(dsl, actor, type.modelName(), pk, p.name());
            return p;
        });
    }

    /** Deletes a policy; when {@code type} is not null, only a policy of that type. */
    public void delete(Actor actor, UUID pk, String type) {
        db.txRun(dsl -> {
            Policy p = new PolicyStore(dsl).byPk(pk).filter(x -> type == null || x.type().equals(type))
                    .orElseThrow(NotFoundException::new);
            new PolicyStore(dsl).delete(pk);
            String model = PolicyTypes.byName(p.type()).map(PolicyType::modelName).orElse("policy");
            EventLog.modelDeleted(dsl, actor, model, pk, p.name());
        });
    }

    private static Validation check(DSLContext dsl, PolicyType type, String name, Map<String, Object> config, UUID pk) {
        Validation v = new Validation();
        v.notBlank(name, "name");
        if (name != null && !name.isBlank() && new PolicyStore(dsl).nameTaken(name, pk)) {
            v.error("name", "policy with this name already exists.");
        }
        StoreReferences refs = new StoreReferences(dsl);
        type.config().check(config, refs, v::error);
        type.validate(new ConfigCheck(config, v, refs));
        return v;
    }
}
