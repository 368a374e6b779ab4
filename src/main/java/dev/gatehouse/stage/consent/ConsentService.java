package dev.gatehouse.stage.consent;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.store.Database;
import java.util.List;
import java.util.UUID;

/**
 * The consents a user gave to applications (authentik's {@code core/user_consent/}): listed with the application's
 * name, and revoked — the next authorization of that application asks again. Only the user's own are found.
 */
public final class ConsentService {
    private final Database db;

    public ConsentService(Database db) {
        this.db = db;
    }

    /** A consent and the application it was given to. */
    public record Listed(ConsentStore.Given consent, Application application) {
    }

    public List<Listed> ofUser(long user) {
        ApplicationStore apps = new ApplicationStore(db.dsl());
        return new ConsentStore(db.dsl()).ofUser(user).stream()
                .flatMap(c -> apps.byPk(c.application()).map(a -> new Listed(c, a)).stream()).toList();
    }

    /** Revokes one of the actor's own consents; any other is {@link NotFoundException}. */
    public void revoke(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            ConsentStore store = new ConsentStore(dsl);
            ConsentStore.Given given = store.byPk(actor.user().pk(), pk).orElseThrow(NotFoundException::new);
            store.delete(actor.user().pk(), pk);
            String app = new ApplicationStore(dsl).byPk(given.application()).map(Application::name).orElse("");
            EventLog.modelDeleted(dsl, actor, "userconsent", pk, app);
        });
    }
}
