package dev.gatehouse.core;

import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;

/** Applications, addressed by slug. */
public final class ApplicationService {
    private final Database db;

    public ApplicationService(Database db) {
        this.db = db;
    }

    public Application create(Actor actor, ApplicationChanges c) {
        return db.tx(dsl -> {
            Stores s = Stores.on(dsl);
            Validation v = validate(s, c, null);
            v.check(c.slug() != null, "slug", "This field is required.")
                    .check(c.name() != null, "name", "This field is required.");
            v.throwIfInvalid();
            Application a = s.applications().insert(new Application(null, c.slug(), c.name(),
                    c.provider() == null ? null : c.provider().orElse(null), or(c.metaLaunchUrl()),
                    or(c.metaDescription()), or(c.metaPublisher()), or(c.metaIcon()), or(c.group()),
                    c.policyEngineMode() == null ? "any" : c.policyEngineMode(), Boolean.TRUE.equals(c.openInNewTab()),
                    null));
            EventLog.modelCreated(s, actor, "application", a.pk(), a.name());
            return a;
        });
    }

    public Application update(Actor actor, String slug, ApplicationChanges c) {
        return db.tx(dsl -> {
            Stores s = Stores.on(dsl);
            Application old = s.applications().bySlug(slug).orElseThrow(NotFoundException::new);
            validate(s, c, old).throwIfInvalid();
            Application a = new Application(old.pk(), UserService.pick(c.slug(), old.slug()),
                    UserService.pick(c.name(), old.name()),
                    c.provider() == null ? old.provider() : c.provider().orElse(null),
                    UserService.pick(c.metaLaunchUrl(), old.metaLaunchUrl()),
                    UserService.pick(c.metaDescription(), old.metaDescription()),
                    UserService.pick(c.metaPublisher(), old.metaPublisher()),
                    UserService.pick(c.metaIcon(), old.metaIcon()), UserService.pick(c.group(), old.group()),
                    UserService.pick(c.policyEngineMode(), old.policyEngineMode()),
                    UserService.pick(c.openInNewTab(), old.openInNewTab()), old.created());
            s.applications().update(a);
            EventLog.modelUpdated(s, actor, "application", a.pk(), a.name());
            return s.applications().byPk(a.pk()).orElseThrow();
        });
    }

    private static Validation validate(Stores s, ApplicationChanges c, Application old) {
        Validation v = new Validation();
        java.util.UUID pk = old == null ? null : old.pk();
        v.notBlank(c.slug(), "slug").slug(c.slug(), "slug").maxLength(c.slug(), 50, "slug")
                .notBlank(c.name(), "name").maxLength(c.name(), 250, "name");
        if (c.slug() != null && !c.slug().isBlank() && s.applications().slugTaken(c.slug(), pk)) {
            v.error("slug", "Application with this slug already exists.");
        }
        v.choice(c.policyEngineMode(), PolicyEngineMode.class, "policy_engine_mode");
        if (c.provider() != null && c.provider().isPresent()) {
            long p = c.provider().get();
            if (s.providers().byPk(p).isEmpty()) {
                v.error("provider", "Invalid pk \"" + p + "\" - object does not exist.");
            } else if (s.applications().providerTaken(p, pk)) {
                v.error("provider", "This provider is already used by another application.");
            }
        }
        return v;
    }

    public void delete(Actor actor, String slug) {
        db.txRun(dsl -> {
            Stores s = Stores.on(dsl);
            Application a = s.applications().bySlug(slug).orElseThrow(NotFoundException::new);
            s.applications().delete(a.pk());
            EventLog.modelDeleted(s, actor, "application", a.pk(), a.name());
        });
    }

    private static String or(String s) {
        return s == null ? "" : s;
    }
}
