package dev.gatehouse.policy;

import static dev.gatehouse.stage.StageService.merge;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.NotFoundException;
import dev.gatehouse.core.Validation;
import dev.gatehouse.flow.StoreReferences;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;
import java.util.Map;
import java.util.UUID;

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
            Stores s = Stores.on(dsl);
            Map<String, Object> config = merge(type.defaults(), values, type.defaults());
            check(s, type, name, config, null).required(name, "name").throwIfInvalid();
            Policy p = s.policies().insert(name, type.name(), config, Boolean.TRUE.equals(executionLogging));
            EventLog.modelCreated(s, actor, type.modelName(), p.pk(), p.name());
            return p;
        });
    }

    /** Changes a policy of the given type; {@code replace} starts from the defaults (PUT), else from the stored config. */
    public Policy update(Actor actor, PolicyType type, UUID pk, String name, Boolean executionLogging,
                         Map<String, Object> values, boolean replace) {
        return db.tx(dsl -> {
            Stores s = Stores.on(dsl);
            Policy old = s.policies().byPk(pk).filter(p -> p.type().equals(type.name()))
                    .orElseThrow(NotFoundException::new);
            Map<String, Object> start = replace ? type.defaults() : merge(type.defaults(), old.config(), type.defaults());
            Map<String, Object> config = merge(start, values, type.defaults());
            check(s, type, name, config, pk).throwIfInvalid();
            Policy p = new Policy(pk, name == null ? old.name() : name, old.type(), config,
                    executionLogging == null ? old.executionLogging() : executionLogging, old.created());
            s.policies().update(p);
            EventLog.modelUpdated(s, actor, type.modelName(), pk, p.name());
            return p;
        });
    }

    /** Deletes a policy; when {@code type} is not null, only a policy of that type. */
    public void delete(Actor actor, UUID pk, String type) {
        db.txRun(dsl -> {
            Stores s = Stores.on(dsl);
            Policy p = s.policies().byPk(pk).filter(x -> type == null || x.type().equals(type))
                    .orElseThrow(NotFoundException::new);
            s.policies().delete(pk);
            String model = PolicyTypes.byName(p.type()).map(PolicyType::modelName).orElse("policy");
            EventLog.modelDeleted(s, actor, model, pk, p.name());
        });
    }

    private static Validation check(Stores s, PolicyType type, String name, Map<String, Object> config, UUID pk) {
        Validation v = new Validation();
        v.notBlank(name, "name");
        if (name != null && !name.isBlank() && s.policies().nameTaken(name, pk)) {
            v.error("name", "policy with this name already exists.");
        }
        StoreReferences refs = new StoreReferences(s);
        type.config().check(config, refs, v::error);
        type.validate(new ConfigCheck(config, v, refs));
        return v;
    }
}
