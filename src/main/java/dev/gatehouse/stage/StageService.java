package dev.gatehouse.stage;

import static dev.gatehouse.definition.ConfigMerge.merge;

import dev.gatehouse.flow.engine.StageTypes;
import dev.gatehouse.flow.engine.StageType;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.Validation;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.policy.StoreReferences;
import dev.gatehouse.store.Database;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Stages of every type: the type's registry entry supplies defaults and validates the config; only keys the
 * type declares are stored. Deleting a stage deletes its flow bindings.
 */
public final class StageService {
    private final Database db;

    public StageService(Database db) {
        this.db = db;
    }

    public Stage create(Actor actor, StageType type, String name, Map<String, Object> values) {
        return db.tx(dsl -> {
            Map<String, Object> config = merge(type.defaults(), values, type.defaults());
            check(dsl, type, name, config, null).required(name, "name").throwIfInvalid();
            Stage stage = new StageStore(dsl).insert(name, type.name(), config);
            EventLog.modelCreated(dsl, actor, type.modelName(), stage.pk(), stage.name());
            return stage;
        });
    }

    /**
     * Changes a stage of the given type (another type's stage is not found). {@code replace} starts from the
     * type's defaults (PUT), otherwise from the stored config (PATCH).
     */
    public Stage update(Actor actor, StageType type, UUID pk, String name, Map<String, Object> values,
                        boolean replace) {
        return db.tx(dsl -> {
            Stage old = new StageStore(dsl).byPk(pk).filter(st -> st.type().equals(type.name()))
                    .orElseThrow(NotFoundException::new);
            Map<String, Object> start = replace ? type.defaults() : merge(type.defaults(), old.config(), type.defaults());
            Map<String, Object> config = merge(start, values, type.defaults());
            check(dsl, type, name, config, pk).throwIfInvalid();
            Stage stage = new Stage(pk, name == null ? old.name() : name, old.type(), config, old.created());
            new StageStore(dsl).update(stage);
            EventLog.modelUpdated(dsl, actor, type.modelName(), pk, stage.name());
            return stage;
        });
    }

    /** Deletes a stage; when {@code type} is not null, only a stage of that type. */
    public void delete(Actor actor, UUID pk, String type) {
        db.txRun(dsl -> {
            Stage stage = new StageStore(dsl).byPk(pk).filter(st -> type == null || st.type().equals(type))
                    .orElseThrow(NotFoundException::new);
            new StageStore(dsl).delete(pk);
            String model = StageTypes.byName(stage.type()).map(StageType::modelName).orElse("stage");
            EventLog.modelDeleted(dsl, actor, model, pk, stage.name());
        });
    }

    private static Validation check(DSLContext dsl, StageType type, String name, Map<String, Object> config, UUID pk) {
        Validation v = new Validation();
        v.notBlank(name, "name");
        if (name != null && !name.isBlank() && new StageStore(dsl).nameTaken(name, pk)) {
            v.error("name", "stage with this name already exists.");
        }
        StoreReferences refs = new StoreReferences(dsl);
        type.config().check(config, refs, v::error);
        type.validate(new ConfigCheck(config, v, refs));
        return v;
    }
}
