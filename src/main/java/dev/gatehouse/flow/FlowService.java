package dev.gatehouse.flow;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.Validation;
import dev.gatehouse.store.Database;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;

/** Flows: create, change, delete (bindings and their policy bindings go with the flow). */
public final class FlowService {
    private final Database db;

    public FlowService(Database db) {
        this.db = db;
    }

    public Flow create(Actor actor, FlowChanges c) {
        return db.tx(dsl -> {
            Validation v = validate(dsl, c, null);
            v.required(c.slug(), "slug").required(c.name(), "name").required(c.title(), "title")
                    .required(c.designation(), "designation");
            v.throwIfInvalid();
            Flow f = new Flow(UUID.randomUUID(), c.slug(), c.name(), c.title(), c.designation(),
                    or(c.authentication(), FlowChanges.AUTHENTICATION.defaultValue()),
                    or(c.deniedAction(), FlowChanges.DENIED_ACTION.defaultValue()),
                    or(c.layout(), FlowChanges.LAYOUT.defaultValue()),
                    or(c.policyEngineMode(), FlowChanges.POLICY_ENGINE_MODE.defaultValue()),
                    Boolean.TRUE.equals(c.compatibilityMode()), or(c.background(), ""), Instant.now());
            new FlowStore(dsl).insert(f);
            EventLog.modelCreated(dsl, actor, "flow", f.pk(), f.name());
            return new FlowStore(dsl).byPk(f.pk()).orElseThrow();
        });
    }

    public Flow update(Actor actor, UUID pk, FlowChanges c) {
        return db.tx(dsl -> {
            Flow old = new FlowStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            validate(dsl, c, pk).throwIfInvalid();
            Flow f = new Flow(pk, or(c.slug(), old.slug()), or(c.name(), old.name()), or(c.title(), old.title()),
                    or(c.designation(), old.designation()), or(c.authentication(), old.authentication()),
                    or(c.deniedAction(), old.deniedAction()), or(c.layout(), old.layout()),
                    or(c.policyEngineMode(), old.policyEngineMode()),
                    or(c.compatibilityMode(), old.compatibilityMode()), or(c.background(), old.background()),
                    old.created());
            new FlowStore(dsl).update(f);
            EventLog.modelUpdated(dsl, actor, "flow", pk, f.name());
            return new FlowStore(dsl).byPk(pk).orElseThrow();
        });
    }

    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            Flow f = new FlowStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            new FlowStore(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, "flow", pk, f.name());
        });
    }

    private static Validation validate(DSLContext dsl, FlowChanges c, UUID pk) {
        Validation v = new Validation();
        FlowChanges.DEFINITION.check(c, v::error);
        if (c.slug() != null && !c.slug().isBlank() && new FlowStore(dsl).slugTaken(c.slug(), pk)) {
            v.error("slug", "flow with this slug already exists.");
        }
        return v;
    }

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
