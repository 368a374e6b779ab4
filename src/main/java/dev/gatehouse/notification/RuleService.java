package dev.gatehouse.notification;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.Validation;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.store.Database;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/** Notification rules: create, change and delete, each with its model event in the same transaction. */
public final class RuleService {
    static final String MODEL = "notificationrule";
    private final Database db;

    public RuleService(Database db) {
        this.db = db;
    }

    public Rule create(Actor actor, RuleChanges c) {
        return db.tx(dsl -> {
            Rule r = new Rule(UUID.randomUUID(), c.name(), c.transports() == null ? List.of() : c.transports(),
                    Severity.orElse(c.severity(), Severity.NOTICE), value(c.destinationGroup(), null),
                    c.destinationEventUser() != null && c.destinationEventUser());
            validate(dsl, c, r).required(c.name(), "name").throwIfInvalid();
            new RuleStore(dsl).insert(r);
            EventLog.modelCreated(dsl, actor, MODEL, r.pk(), r.name());
            return r;
        });
    }

    /** Changes the given fields (PUT and PATCH alike: a field not given keeps its value, as DRF does). */
    public Rule update(Actor actor, UUID pk, RuleChanges c) {
        return db.tx(dsl -> {
            Rule old = new RuleStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            Rule r = new Rule(pk, c.name() != null ? c.name() : old.name(),
                    c.transports() != null ? c.transports() : old.transports(),
                    Severity.orElse(c.severity(), old.severity()),
                    value(c.destinationGroup(), old.destinationGroup()),
                    c.destinationEventUser() != null ? c.destinationEventUser() : old.destinationEventUser());
            validate(dsl, c, r).throwIfInvalid();
            new RuleStore(dsl).update(r);
            EventLog.modelUpdated(dsl, actor, MODEL, pk, r.name());
            return r;
        });
    }

    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            Rule r = new RuleStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            new RuleStore(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, MODEL, pk, r.name());
        });
    }

    private static Validation validate(DSLContext dsl, RuleChanges c, Rule r) {
        Validation v = new Validation();
        RuleChanges.DEFINITION.check(c, v::error);
        if (r.name() != null && !r.name().isBlank() && new RuleStore(dsl).nameTaken(r.name(), r.pk())) {
            v.error("name", "notification rule with this name already exists.");
        }
        Set<UUID> known = r.transports().isEmpty() ? Set.of()
                : dsl.select(NotificationTables.Transports.UUID_).from(NotificationTables.Transports.T)
                        .where(NotificationTables.Transports.UUID_.in(r.transports()))
                        .fetchSet(NotificationTables.Transports.UUID_);
        r.transports().stream().filter(t -> !known.contains(t)).findFirst().ifPresent(t ->
                v.error("transports", "Invalid pk \"" + t + "\" - object does not exist."));
        if (r.destinationGroup() != null && new GroupStore(dsl).existing(Set.of(r.destinationGroup())).isEmpty()) {
            v.error("destination_group", "Invalid pk \"" + r.destinationGroup() + "\" - object does not exist.");
        }
        return v;
    }

    private static <T> T value(Optional<T> given, T old) {
        return given == null ? old : given.orElse(null);
    }
}
