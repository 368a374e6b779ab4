package dev.gatehouse.core;

import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.store.Database;
import org.jooq.DSLContext;

/** The provider kinds' shared part; each kind's own configuration arrives with its protocol. */
public final class ProviderService {
    private final Database db;

    public ProviderService(Database db) {
        this.db = db;
    }

    public void delete(Actor actor, long pk) {
        db.txRun(dsl -> {
            Provider p = new ProviderStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            new ProviderStore(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, "provider", pk, p.name());
        });
    }
}
