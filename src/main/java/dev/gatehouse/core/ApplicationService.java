package dev.gatehouse.core;

import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.store.Database;
import org.jooq.DSLContext;

/** Applications, addressed by slug. */
public final class ApplicationService {
    private final Database db;

    public ApplicationService(Database db) {
        this.db = db;
    }

    public Application create(Actor actor, ApplicationChanges c) {
        return db.tx(dsl -> {
            Validation v = validate(dsl, c, null);
            v.check(c.slug() != null, "slug", "This field is required.")
                    .check(c.name() != null, "name", "This field is required.");
            v.throwIfInvalid();
            Application a = new ApplicationStore(dsl).insert(new Application(null, c.slug(), c.name(),
                    c.provider() == null ? null : c.provider().orElse(null), or(c.metaLaunchUrl()),
                    or(c.metaDescription()), or(c.metaPublisher()), or(c.metaIcon()), or(c.group()),
                    c.policyEngineMode() == null ? "any" : c.policyEngineMode(), Boolean.TRUE.equals(c.openInNewTab()),
                    null));
            EventLog.modelCreated(dsl, actor, "application", a.pk(), a.name());
            return a;
        });
    }

    public Application update(Actor actor, String slug, ApplicationChanges c) {
        return db.tx(dsl -> {
            Application old = new ApplicationStore(dsl).bySlug(slug).orElseThrow(NotFoundException::new);
            validate(dsl, c, old).throwIfInvalid();
            Application a = new Application(old.pk(), UserService.pick(c.slug(), old.slug()),
                    UserService.pick(c.name(), old.name()),
                    c.provider() == null ? old.provider() : c.provider().orElse(null),
                    UserService.pick(c.metaLaunchUrl(), old.metaLaunchUrl()),
                    UserService.pick(c.metaDescription(), old.metaDescription()),
                    UserService.pick(c.metaPublisher(), old.metaPublisher()),
                    UserService.pick(c.metaIcon(), old.metaIcon()), UserService.pick(c.group(), old.group()),
                    UserService.pick(c.policyEngineMode(), old.policyEngineMode()),
                    UserService.pick(c.openInNewTab(), old.openInNewTab()), old.created());
            new ApplicationStore(dsl).update(a);
            EventLog.modelUpdated(dsl, actor, "application", a.pk(), a.name());
            return new ApplicationStore(dsl).byPk(a.pk()).orElseThrow();
        });
    }

    private static Validation validate(DSLContext dsl, ApplicationChanges c, Application old) {
        Validation v = new Validation();
        java.util.UUID pk = old == null ? null : old.pk();
        ApplicationChanges.DEFINITION.check(c, v::error);
        if (c.slug() != null && !c.slug().isBlank() && new ApplicationStore(dsl).slugTaken(c.slug(), pk)) {
            v.error("slug", "Application with this slug already exists.");
        }
        if (c.provider() != null && c.provider().isPresent()) {
            long p = c.provider().get();
            if (new ProviderStore(dsl).byPk(p).isEmpty()) {
                v.error("provider", "Invalid pk \"" + p + "\" - object does not exist.");
            } else if (new ApplicationStore(dsl).providerTaken(p, pk)) {
                v.error("provider", "This provider is already used by another application.");
            }
        }
        return v;
    }

    public void delete(Actor actor, String slug) {
        db.txRun(dsl -> {
            Application a = new ApplicationStore(dsl).bySlug(slug).orElseThrow(NotFoundException::new);
            new ApplicationStore(dsl).delete(a.pk());
            EventLog.modelDeleted(dsl, actor, "application", a.pk(), a.name());
        });
    }

    private static String or(String s) {
        return s == null ? "" : s;
    }
}
