package dev.gatehouse.flow;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.NotFoundException;
import dev.gatehouse.core.PolicyEngineMode;
import dev.gatehouse.core.Validation;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;
import java.time.Instant;
import java.util.UUID;

/** Flows: create, change, delete (bindings and their policy bindings go with the flow). */
public final class FlowService {
    private final Database db;

    public FlowService(Database db) {
        this.db = db;
    }

    public Flow create(Actor actor, FlowChanges c) {
        return db.tx(dsl -> {
            Stores s = Stores.on(dsl);
            Validation v = validate(s, c, null);
            v.required(c.slug(), "slug").required(c.name(), "name").required(c.title(), "title")
                    .required(c.designation(), "designation");
            v.throwIfInvalid();
            Flow f = new Flow(UUID.randomUUID(), c.slug(), c.name(), c.title(), c.designation(),
                    or(c.authentication(), FlowChanges.AUTHENTICATION.defaultValue()),
                    or(c.deniedAction(), FlowChanges.DENIED_ACTION.defaultValue()),
                    or(c.layout(), FlowChanges.LAYOUT.defaultValue()),
                    or(c.policyEngineMode(), FlowChanges.POLICY_ENGINE_MODE.defaultValue()),
                    Boolean.TRUE.equals(c.compatibilityMode()), or(c.background(), ""), Instant.now());
            s.flows().insert(f);
            EventLog.modelCreated(s, actor, "flow", f.pk(), f.name());
            return s.flows().byPk(f.pk()).orElseThrow();
        });
    }

    public Flow update(Actor actor, UUID pk, FlowChanges c) {
        return db.tx(dsl -> {
            Stores s = Stores.on(dsl);
            Flow old = s.flows().byPk(pk).orElseThrow(NotFoundException::new);
            validate(s, c, pk).throwIfInvalid();
            Flow f = new Flow(pk, or(c.slug(), old.slug()), or(c.name(), old.name()), or(c.title(), old.title()),
                    or(c.designation(), old.designation()), or(c.authentication(), old.authentication()),
                    or(c.deniedAction(), old.deniedAction()), or(c.layout(), old.layout()),
                    or(c.policyEngineMode(), old.policyEngineMode()),
                    or(c.compatibilityMode(), old.compatibilityMode()), or(c.background(), old.background()),
                    old.created());
            s.flows().update(f);
            EventLog.modelUpdated(s, actor, "flow", pk, f.name());
            return s.flows().byPk(pk).orElseThrow();
        });
    }

    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            Stores s = Stores.on(dsl);
            Flow f = s.flows().byPk(pk).orElseThrow(NotFoundException::new);
            s.flows().delete(pk);
            EventLog.modelDeleted(s, actor, "flow", pk, f.name());
        });
    }

    private static Validation validate(Stores s, FlowChanges c, UUID pk) {
        Validation v = new Validation();
        v.notBlank(c.slug(), "slug").maxLength(c.slug(), 50, "slug").slug(c.slug(), "slug");
        v.notBlank(c.name(), "name").notBlank(c.title(), "title");
        if (c.slug() != null && !c.slug().isBlank() && s.flows().slugTaken(c.slug(), pk)) {
            v.error("slug", "flow with this slug already exists.");
        }
        v.choice(c.designation(), FlowDesignation.class, "designation")
                .choice(c.authentication(), FlowAuthentication.class, "authentication")
                .choice(c.deniedAction(), DeniedAction.class, "denied_action")
                .choice(c.layout(), FlowLayout.class, "layout")
                .choice(c.policyEngineMode(), PolicyEngineMode.class, "policy_engine_mode");
        return v;
    }

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
