package dev.gatehouse.flow;

import static dev.gatehouse.flow.FlowTables.Flows.*;

import dev.gatehouse.flow.Flow;
import dev.gatehouse.store.DefinitionCache;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Rows of {@code flows_flow}. */
public final class FlowStore {
    public static final Listing<Flow> LISTING = Listing.of(T, ALL, UUID_, FlowStore::map)
            .filter("pk", UUID_).filter("slug", SLUG).filter("name", NAME).filter("designation", DESIGNATION)
            .search(SLUG, NAME, TITLE)
            .order("slug", SLUG).order("name", NAME).order("designation", DESIGNATION)
            .defaultOrder(SLUG.asc())
            .build();

    private final DSLContext dsl;

    public FlowStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(Flow f) {
        dsl.insertInto(T).set(UUID_, f.pk()).set(CREATED, f.created()).set(values(f)).execute();
    }

    public void update(Flow f) {
        dsl.update(T).set(values(f)).where(UUID_.eq(f.pk())).execute();
    }

    private static java.util.Map<org.jooq.Field<?>, Object> values(Flow f) {
        java.util.Map<org.jooq.Field<?>, Object> m = new java.util.LinkedHashMap<>();
        m.put(SLUG, f.slug());
        m.put(NAME, f.name());
        m.put(TITLE, f.title());
        m.put(DESIGNATION, f.designation());
        m.put(AUTHENTICATION, f.authentication());
        m.put(DENIED_ACTION, f.deniedAction());
        m.put(LAYOUT, f.layout());
        m.put(POLICY_ENGINE_MODE, f.policyEngineMode());
        m.put(COMPATIBILITY_MODE, f.compatibilityMode());
        m.put(BACKGROUND, f.background());
        return m;
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    public Optional<Flow> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(FlowStore::map);
    }

    public Optional<Flow> bySlug(String slug) {
        return dsl.select(ALL).from(T).where(SLUG.eq(slug)).fetchOptional(FlowStore::map);
    }

    /** {@link #bySlug} through the {@link DefinitionCache}, for the paths that run flows. */
    public Optional<Flow> bySlugCached(String slug) {
        return DefinitionCache.of(dsl).get(java.util.List.of("flow-by-slug", slug), () -> bySlug(slug));
    }

    /** {@link #byPk} through the {@link DefinitionCache}. */
    public Optional<Flow> byPkCached(UUID pk) {
        return DefinitionCache.of(dsl).get(java.util.List.of("flow-by-pk", pk), () -> byPk(pk));
    }

    public boolean exists(UUID pk) {
        return dsl.fetchExists(T, UUID_.eq(pk));
    }

    public boolean slugTaken(String slug, UUID exceptPk) {
        return dsl.fetchExists(T, SLUG.eq(slug).and(exceptPk == null ? DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    public Page<Flow> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }

    static Flow map(Record r) {
        return new Flow(r.get(UUID_), r.get(SLUG), r.get(NAME), r.get(TITLE), r.get(DESIGNATION),
                r.get(AUTHENTICATION), r.get(DENIED_ACTION), r.get(LAYOUT), r.get(POLICY_ENGINE_MODE),
                r.get(COMPATIBILITY_MODE), r.get(BACKGROUND), r.get(CREATED));
    }
}
