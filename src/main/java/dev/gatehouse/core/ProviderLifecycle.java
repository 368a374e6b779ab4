package dev.gatehouse.core;

import dev.gatehouse.outpost.EmbeddedOutpost;
import dev.gatehouse.outpost.Outpost;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
        Optional<P> find(Stores s, long pk);
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
            Stores s = Stores.on(dsl);
            Validation v = new Validation().required(c.name(), "name")
                    .required(c.authorizationFlow(), "authorization_flow");
            require(v, c);
            validate(s, v, c, null, 0);
            v.throwIfInvalid();
            Provider p = s.providers().insert(c.name(), kind, c.authorizationFlow(),
                    c.authenticationFlow() == null ? null : c.authenticationFlow().orElse(null), c.invalidationFlow());
            insert(s, p, c);
            if (servedByOutposts) {
                List<UUID> outposts = c.outposts() != null ? c.outposts()
                        : s.outposts().byManaged(EmbeddedOutpost.MANAGED).map(o -> List.of(o.pk())).orElse(List.of());
                outposts.forEach(o -> s.outposts().addProvider(o, p.pk()));
            }
            EventLog.modelCreated(s, actor, modelName, p.pk(), p.name());
            return finder.find(s, p.pk()).orElseThrow();
        });
    }

    public P update(Actor actor, long pk, C c) {
        return db.tx(dsl -> {
            Stores s = Stores.on(dsl);
            P old = finder.find(s, pk).orElseThrow(NotFoundException::new);
            Validation v = new Validation();
            validate(s, v, c, old, pk);
            v.throwIfInvalid();
            Provider op = old.provider();
            Provider p = new Provider(pk, or(c.name(), op.name()), kind, or(c.authorizationFlow(), op.authorizationFlow()),
                    c.authenticationFlow() == null ? op.authenticationFlow() : c.authenticationFlow().orElse(null),
                    or(c.invalidationFlow(), op.invalidationFlow()), op.created());
            s.providers().update(p);
            update(s, p, old, c);
            if (servedByOutposts && c.outposts() != null) {
                for (Outpost o : s.outposts().serving(pk)) {
                    if (!c.outposts().contains(o.pk())) {
                        s.outposts().setProviders(o.pk(), o.providers().stream().filter(x -> x != pk).toList());
                    }
                }
                c.outposts().forEach(o -> s.outposts().addProvider(o, pk));
            }
            EventLog.modelUpdated(s, actor, modelName, pk, p.name());
            return finder.find(s, pk).orElseThrow();
        });
    }

    private void validate(Stores s, Validation v, C c, P old, long pk) {
        v.notBlank(c.name(), "name").maxLength(c.name(), 200, "name");
        if (c.name() != null && s.providers().nameTaken(c.name(), pk)) {
            v.error("name", "Provider with this name already exists.");
        }
        flow(s, v, c.authorizationFlow(), "authorization_flow");
        flow(s, v, c.authenticationFlow() == null ? null : c.authenticationFlow().orElse(null), "authentication_flow");
        flow(s, v, c.invalidationFlow(), "invalidation_flow");
        validateKind(s, v, c, old);
        if (servedByOutposts && c.outposts() != null) {
            for (UUID o : c.outposts()) {
                Optional<Outpost> found = s.outposts().byPk(o);
                if (found.isEmpty() || !canServe(found.get())) {
                    v.error("outpost_set", "Invalid pk \"" + o + "\" - " + outpostRefusal());
                }
            }
        }
    }

    /** A field error when {@code flow} is given but does not exist. */
    private static void flow(Stores s, Validation v, UUID flow, String field) {
        if (flow != null && s.flows().byPk(flow).isEmpty()) {
            v.error(field, "Invalid pk \"" + flow + "\" - object does not exist.");
        }
    }

    /** Fields the kind needs on create besides the name and the authorization flow. */
    protected void require(Validation v, C c) {
    }

    /** The kind's own checks; {@code old} is null on create. */
    protected abstract void validateKind(Stores s, Validation v, C c, P old);

    /** Writes the kind's row for a new provider. */
    protected abstract void insert(Stores s, Provider p, C c);

    /** Writes the kind's row: {@code old} with the changes applied. */
    protected abstract void update(Stores s, Provider p, P old, C c);

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
