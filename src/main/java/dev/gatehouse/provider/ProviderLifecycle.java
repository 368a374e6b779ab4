package dev.gatehouse.provider;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Provider;
import dev.gatehouse.core.ProviderStore;
import dev.gatehouse.core.Validation;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.ProviderChanges;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.outpost.EmbeddedOutpost;
import dev.gatehouse.outpost.Outpost;
import dev.gatehouse.outpost.OutpostStore;
import dev.gatehouse.store.Database;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * How a provider of any kind is created and changed, in one transaction: check the shared fields (name, flows)
 * and the kind's own, write the {@code core_provider} row and the kind's row, keep its outposts in step, and log
 * the model event. A kind supplies only what is its own through the abstract methods.
 *
 * @param <P> the kind's provider type
 * @param <C> the kind's changes type
 */
public abstract class ProviderLifecycle<P extends ProviderRecord, C extends ProviderChanges> {
    /** Finds the stored provider of a kind by pk. */
    @FunctionalInterface
    protected interface Finder<P> {
        Optional<P> find(DSLContext s, long pk);
    }

    private final Database db;
    private final String kind;
    private final String modelName;
    private final Finder<P> finder;
    private final boolean servedByOutposts;

    /**
     * {@code servedByOutposts}: outposts serve providers of this kind (a new one then joins the embedded outpost,
     * and {@code outpost_set} names them).
     */
    protected ProviderLifecycle(Database db, String kind, String modelName, Finder<P> finder, boolean servedByOutposts) {
        this.db = db;
        this.kind = kind;
        this.modelName = modelName;
        this.finder = finder;
        this.servedByOutposts = servedByOutposts;
    }

    public P create(Actor actor, C c) {
        return db.tx(dsl -> {
            Validation v = new Validation().required(c.name(), "name")
                    .required(c.authorizationFlow(), "authorization_flow");
            require(v, c);
            validate(dsl, v, c, null, 0);
            v.throwIfInvalid();
            Provider p = new ProviderStore(dsl).insert(c.name(), kind, c.authorizationFlow(),
                    c.authenticationFlow() == null ? null : c.authenticationFlow().orElse(null), c.invalidationFlow());
            insert(dsl, p, c);
            if (servedByOutposts) {
                List<UUID> outposts = c.outposts() != null ? c.outposts()
                        : new OutpostStore(dsl).byManaged(EmbeddedOutpost.MANAGED).map(o -> List.of(o.pk())).orElse(List.of());
                outposts.forEach(o -> new OutpostStore(dsl).addProvider(o, p.pk()));
            }
            EventLog.modelCreated(dsl, actor, modelName, p.pk(), p.name());
            return finder.find(dsl, p.pk()).orElseThrow();
        });
    }

    public P update(Actor actor, long pk, C c) {
        return db.tx(dsl -> {
            P old = finder.find(dsl, pk).orElseThrow(NotFoundException::new);
            Validation v = new Validation();
            validate(dsl, v, c, old, pk);
            v.throwIfInvalid();
            Provider op = old.provider();
            Provider p = new Provider(pk, or(c.name(), op.name()), kind, or(c.authorizationFlow(), op.authorizationFlow()),
                    c.authenticationFlow() == null ? op.authenticationFlow() : c.authenticationFlow().orElse(null),
                    or(c.invalidationFlow(), op.invalidationFlow()), op.created());
            new ProviderStore(dsl).update(p);
            update(dsl, p, old, c);
            if (servedByOutposts && c.outposts() != null) {
                for (Outpost o : new OutpostStore(dsl).serving(pk)) {
                    if (!c.outposts().contains(o.pk())) {
                        new OutpostStore(dsl).setProviders(o.pk(), o.providers().stream().filter(x -> x != pk).toList());
                    }
                }
                c.outposts().forEach(o -> new OutpostStore(dsl).addProvider(o, pk));
            }
            EventLog.modelUpdated(dsl, actor, modelName, pk, p.name());
            return finder.find(dsl, pk).orElseThrow();
        });
    }

    private void validate(DSLContext dsl, Validation v, C c, P old, long pk) {
        definition().check(c, v::error);
        if (c.name() != null && new ProviderStore(dsl).nameTaken(c.name(), pk)) {
            v.error("name", "Provider with this name already exists.");
        }
        flow(dsl, v, c.authorizationFlow(), "authorization_flow");
        flow(dsl, v, c.authenticationFlow() == null ? null : c.authenticationFlow().orElse(null), "authentication_flow");
        flow(dsl, v, c.invalidationFlow(), "invalidation_flow");
        validateKind(dsl, v, c, old);
        if (servedByOutposts && c.outposts() != null) {
            for (UUID o : c.outposts()) {
                Optional<Outpost> found = new OutpostStore(dsl).byPk(o);
                if (found.isEmpty() || !canServe(found.get())) {
                    v.error("outpost_set", "Invalid pk \"" + o + "\" - " + outpostRefusal());
                }
            }
        }
    }

    /** A field error when {@code flow} is given but does not exist. */
    private static void flow(DSLContext dsl, Validation v, UUID flow, String field) {
        if (flow != null && new FlowStore(dsl).byPk(flow).isEmpty()) {
            v.error(field, "Invalid pk \"" + flow + "\" - object does not exist.");
        }
    }

    /** Fields the kind needs on create besides the name and the authorization flow. */
    protected void require(Validation v, C c) {
    }

    /** The declaration of the kind's changes; its field constraints are checked on every create and update. */
    protected abstract dev.gatehouse.definition.Definition<C> definition();

    /** The kind's own checks beyond the declared field constraints; {@code old} is null on create. */
    protected abstract void validateKind(DSLContext s, Validation v, C c, P old);

    /** Writes the kind's row for a new provider. */
    protected abstract void insert(DSLContext s, Provider p, C c);

    /** Writes the kind's row: {@code old} with the changes applied. */
    protected abstract void update(DSLContext s, Provider p, P old, C c);

    /** Whether {@code o} may serve a provider of this kind. */
    protected boolean canServe(Outpost o) {
        return o.type().equals(kind);
    }

    /** The end of the outpost_set refusal: {@code no proxy outpost has it.} */
    protected String outpostRefusal() {
        return "no " + kind + " outpost has it.";
    }

    protected static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
