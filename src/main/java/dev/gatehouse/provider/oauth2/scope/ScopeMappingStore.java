package dev.gatehouse.provider.oauth2.scope;

import static dev.gatehouse.provider.oauth2.scope.ScopeMappingTables.ScopeMappings.*;

import dev.gatehouse.provider.oauth2.scope.ScopeMapping;
import dev.gatehouse.store.DefinitionCache;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code oauth2_scope_mapping}. */
public final class ScopeMappingStore {
    public static final Listing<ScopeMapping> LISTING = Listing.of(T, ALL, UUID_, ScopeMappingStore::map)
            .filter("pk", UUID_).filter("name", NAME).filter("scope_name", SCOPE_NAME).filter("managed", MANAGED)
            .search(NAME, SCOPE_NAME)
            .order("name", NAME).order("scope_name", SCOPE_NAME)
            .defaultOrder(NAME.asc())
            .build();
    private final DSLContext dsl;

    public ScopeMappingStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    static ScopeMapping map(Record r) {
        return new ScopeMapping(r.get(UUID_), r.get(NAME), r.get(SCOPE_NAME), r.get(DESCRIPTION), r.get(EXPRESSION),
                r.get(MANAGED));
    }

    public ScopeMapping insert(ScopeMapping m) {
        dsl.insertInto(T).set(UUID_, m.pk()).set(NAME, m.name()).set(SCOPE_NAME, m.scopeName())
                .set(DESCRIPTION, m.description()).set(EXPRESSION, m.expression()).set(MANAGED, m.managed())
                .set(CREATED, Instant.now()).execute();
        return byPk(m.pk()).orElseThrow();
    }

    public void update(ScopeMapping m) {
        dsl.update(T).set(NAME, m.name()).set(SCOPE_NAME, m.scopeName()).set(DESCRIPTION, m.description())
                .set(EXPRESSION, m.expression()).where(UUID_.eq(m.pk())).execute();
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    public Optional<ScopeMapping> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(ScopeMappingStore::map);
    }

    public Optional<ScopeMapping> byManaged(String managed) {
        return dsl.select(ALL).from(T).where(MANAGED.eq(managed)).fetchOptional(ScopeMappingStore::map);
    }

    public List<ScopeMapping> byPks(Collection<UUID> pks) {
        return pks.isEmpty() ? List.of() : dsl.select(ALL).from(T).where(UUID_.in(pks)).orderBy(NAME)
                .fetch(ScopeMappingStore::map);
    }

    /** {@link #byPks} through the {@link DefinitionCache}. */
    public List<ScopeMapping> byPksCached(Collection<UUID> pks) {
        return DefinitionCache.of(dsl).get(List.of("scope-mappings", List.copyOf(pks)), () -> List.copyOf(byPks(pks)));
    }

    public boolean nameTaken(String name, UUID except) {
        return dsl.fetchExists(T, NAME.eq(name).and(except == null ? org.jooq.impl.DSL.trueCondition() : UUID_.ne(except)));
    }

    public Page<ScopeMapping> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }
}
