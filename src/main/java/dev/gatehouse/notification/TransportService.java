package dev.gatehouse.notification;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.Validation;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.store.Database;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Transports: create, change and delete, each with its model event in the same transaction. Webhook modes need a
 * webhook URL (http or https, checked when it is given); the secret is sealed and never shown.
 */
public final class TransportService {
    static final String MODEL = "notificationtransport";
    private final Database db;
    private final String secretKey;

    public TransportService(Database db, String secretKey) {
        this.db = db;
        this.secretKey = secretKey;
    }

    public TransportStore store(DSLContext dsl) {
        return new TransportStore(dsl, secretKey);
    }

    public Transport create(Actor actor, TransportChanges c) {
        return db.tx(dsl -> {
            Transport t = new Transport(UUID.randomUUID(), c.name(),
                    TransportMode.orElse(c.mode(), TransportMode.LOCAL), or(c.webhookUrl(), ""),
                    or(c.webhookSecret(), ""), or(c.sendOnce(), false));
            validate(dsl, c, t).required(c.name(), "name").throwIfInvalid();
            store(dsl).insert(t);
            EventLog.modelCreated(dsl, actor, MODEL, t.pk(), t.name());
            return t;
        });
    }

    /** Changes the given fields (PUT and PATCH alike: a field not given keeps its value, as DRF does). */
    public Transport update(Actor actor, UUID pk, TransportChanges c) {
        return db.tx(dsl -> {
            Transport old = store(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            Transport t = new Transport(pk, or(c.name(), old.name()),
                    TransportMode.orElse(c.mode(), old.mode()), or(c.webhookUrl(), old.webhookUrl()),
                    or(c.webhookSecret(), old.webhookSecret()), or(c.sendOnce(), old.sendOnce()));
            validate(dsl, c, t).throwIfInvalid();
            store(dsl).update(t);
            EventLog.modelUpdated(dsl, actor, MODEL, pk, t.name());
            return t;
        });
    }

    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            Transport t = store(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            store(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, MODEL, pk, t.name());
        });
    }

    private Validation validate(DSLContext dsl, TransportChanges c, Transport t) {
        Validation v = new Validation();
        TransportChanges.DEFINITION.check(c, v::error);
        if (t.name() != null && !t.name().isBlank() && store(dsl).nameTaken(t.name(), t.pk())) {
            v.error("name", "notification transport with this name already exists.");
        }
        if (t.mode().webhook() && t.webhookUrl().isEmpty()) {
            v.error("webhook_url", "Webhook URL may not be empty.");
        }
        return v;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
