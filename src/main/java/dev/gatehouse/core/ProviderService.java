package dev.gatehouse.core;

import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;

/** The provider kinds' shared part; each kind's own configuration arrives with its protocol. */
public final class ProviderService {
    private final Database db;

    public ProviderService(Database db) {
        this.db = db;
    }

    public void delete(Actor actor, long pk) {
        db.txRun(dsl -> {
            Stores s = Stores.on(dsl);
            Provider p = s.providers().byPk(pk).orElseThrow(NotFoundException::new);
            s.providers().delete(pk);
            EventLog.modelDeleted(s, actor, "provider", pk, p.name());
        });
    }
}
