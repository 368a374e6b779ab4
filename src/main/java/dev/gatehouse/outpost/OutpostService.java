package dev.gatehouse.outpost;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.Provider;
import dev.gatehouse.core.ProviderStore;
import dev.gatehouse.core.Validation;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Outposts: create, change (name, provider list, configuration) and delete, each with a model event. An
 * outpost serves providers of its own type only (a proxy outpost, proxy providers). The embedded outpost keeps
 * its type and cannot be deleted; its {@code config.authentik_host} is the URL browsers are sent to sign in.
 */
public final class OutpostService {
    private final Database db;

    public OutpostService(Database db) {
        this.db = db;
    }

    public Outpost create(Actor actor, OutpostChanges c) {
        return db.tx(dsl -> {
            Validation v = new Validation().required(c.name(), "name").required(c.type(), "type");
            validate(dsl, v, c, c.type(), null);
            v.throwIfInvalid();
            Map<String, Object> config = new LinkedHashMap<>(EmbeddedOutpost.defaultConfig());
            if (c.config() != null) {
                config.putAll(c.config());
            }
            Outpost o = new OutpostStore(dsl).insert(c.name(), c.type(), null, config);
            if (c.providers() != null) {
                new OutpostStore(dsl).setProviders(o.pk(), c.providers());
            }
            EventLog.modelCreated(dsl, actor, "outpost", o.pk(), o.name());
            return new OutpostStore(dsl).byPk(o.pk()).orElseThrow();
        });
    }

    public Outpost update(Actor actor, UUID pk, OutpostChanges c) {
        return db.tx(dsl -> {
            Outpost old = new OutpostStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            Validation v = new Validation();
            if (c.type() != null && !c.type().equals(old.type())) {
                v.error("type", "The type of an outpost cannot be changed.");
            }
            validate(dsl, v, c, old.type(), pk);
            v.throwIfInvalid();
            Map<String, Object> config = new LinkedHashMap<>(old.config());
            if (c.config() != null) {
                config.putAll(c.config());
            }
            new OutpostStore(dsl).update(pk, c.name() != null ? c.name() : old.name(), config);
            if (c.providers() != null) {
                new OutpostStore(dsl).setProviders(pk, c.providers());
            }
            EventLog.modelUpdated(dsl, actor, "outpost", pk, c.name() != null ? c.name() : old.name());
            return new OutpostStore(dsl).byPk(pk).orElseThrow();
        });
    }

    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            Outpost o = new OutpostStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            if (o.embedded()) {
                throw ValidationException.of("non_field_errors", "The embedded outpost cannot be deleted.");
            }
            new OutpostStore(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, "outpost", pk, o.name());
        });
    }

    private static void validate(DSLContext dsl, Validation v, OutpostChanges c, String type, UUID pk) {
        boolean embedded = pk != null && new OutpostStore(dsl).byPk(pk).map(Outpost::embedded).orElse(false);
        OutpostChanges.DEFINITION.check(c, v::error);
        if (c.name() != null && new OutpostStore(dsl).nameTaken(c.name(), pk)) {
            v.error("name", "Outpost with this name already exists.");
        }
        if (c.providers() != null) {
            for (Long p : c.providers()) {
                Optional<Provider> found = new ProviderStore(dsl).byPk(p);
                if (found.isEmpty()) {
                    v.error("providers", "Invalid pk \"" + p + "\" - object does not exist.");
                } else if (type != null && !found.get().kind().equals(type)
                        && !(embedded && found.get().kind().equals("ldap"))) {
                    v.error("providers", "Provider \"" + found.get().name() + "\" is a " + found.get().kind()
                            + " provider; this outpost serves " + type + " providers.");
                }
            }
        }
        if (c.config() != null) {
            for (String key : List.of("authentik_host", "authentik_host_browser")) {
                Object value = c.config().get(key);
                if (value != null && !(value instanceof String)) {
                    v.error("config", key + " must be a string.");
                } else if (value instanceof String url && !url.isEmpty() && ProxyUrls.httpUrlProblem(url) != null) {
                    v.error("config", key + ": " + ProxyUrls.httpUrlProblem(url));
                }
            }
        }
    }
}
