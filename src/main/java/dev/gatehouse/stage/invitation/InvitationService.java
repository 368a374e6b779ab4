package dev.gatehouse.stage.invitation;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.Validation;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.store.Database;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Invitations: create (made by the caller), change and delete, each with its model event in the same transaction.
 * A flow, when given, must exist; as authentik, any designation is accepted (the admin form offers enrollment flows).
 */
public final class InvitationService {
    static final String MODEL = "invitation";
    private final Database db;

    public InvitationService(Database db) {
        this.db = db;
    }

    public Invitation create(Actor actor, InvitationChanges c) {
        if (actor.user() == null) {
            throw new IllegalArgumentException("an invitation is made by a user");
        }
        return db.tx(dsl -> {
            Validation v = new Validation().required(c.name(), "name");
            check(dsl, v, c);
            v.throwIfInvalid();
            Invitation i = new InvitationStore(dsl).insert(c.name(), value(c.expires()),
                    c.singleUse() != null && c.singleUse(), c.fixedData() == null ? Map.of() : c.fixedData(),
                    value(c.flow()), actor.user().pk());
            EventLog.modelCreated(dsl, actor, MODEL, i.pk(), i.name());
            return i;
        });
    }

    /** Changes the given fields (PUT and PATCH alike: a field not given keeps its value, as DRF does). */
    public Invitation update(Actor actor, UUID pk, InvitationChanges c) {
        return db.tx(dsl -> {
            Invitation old = new InvitationStore(dsl).lockByPk(pk).orElseThrow(NotFoundException::new);
            Validation v = new Validation();
            check(dsl, v, c);
            v.throwIfInvalid();
            Invitation changed = new Invitation(pk, c.name() != null ? c.name() : old.name(),
                    c.expires() != null ? c.expires().orElse(null) : old.expires(),
                    c.singleUse() != null ? c.singleUse() : old.singleUse(),
                    c.fixedData() != null ? c.fixedData() : old.fixedData(),
                    c.flow() != null ? c.flow().orElse(null) : old.flow(), old.createdBy(), old.created());
            new InvitationStore(dsl).update(changed);
            EventLog.modelUpdated(dsl, actor, MODEL, pk, changed.name());
            return changed;
        });
    }

    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            Invitation i = new InvitationStore(dsl).lockByPk(pk).orElseThrow(NotFoundException::new);
            new InvitationStore(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, MODEL, pk, i.name());
        });
    }

    private static void check(DSLContext dsl, Validation v, InvitationChanges c) {
        InvitationChanges.DEFINITION.check(c, v::error);
        if (c.flow() != null && c.flow().isPresent() && new FlowStore(dsl).byPk(c.flow().get()).isEmpty()) {
            v.error("flow", "Invalid pk \"" + c.flow().get() + "\" - object does not exist.");
        }
    }

    private static <T> T value(Optional<T> given) {
        return given == null ? null : given.orElse(null);
    }
}
