package dev.gatehouse.core;

import static dev.gatehouse.core.CoreTables.Providers.*;

import dev.gatehouse.core.Provider;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code core_provider}: the part every provider kind shares; kinds add their own tables. */
public final class ProviderStore {
    public static final Listing<Provider> LISTING = Listing.of(T, ALL, ID, ProviderStore::map)
            .filter("pk", ID).filter("name", NAME).filter("kind", KIND)
            .search(NAME)
            .order("pk", ID).order("name", NAME)
            .defaultOrder(NAME.asc())
            .build();

    private final DSLContext dsl;

    public ProviderStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public static Provider map(Record r) {
        return new Provider(r.get(ID), r.get(NAME), r.get(KIND), r.get(AUTHORIZATION_FLOW),
                r.get(AUTHENTICATION_FLOW), r.get(INVALIDATION_FLOW), r.get(CREATED));
    }

    public Provider insert(String name, String kind, UUID authorizationFlow, UUID authenticationFlow, UUID invalidationFlow) {
        Long id = dsl.insertInto(T).set(NAME, name).set(KIND, kind).set(AUTHORIZATION_FLOW, authorizationFlow)
                .set(AUTHENTICATION_FLOW, authenticationFlow).set(INVALIDATION_FLOW, invalidationFlow)
                .set(CREATED, Instant.now()).returningResult(ID).fetchOne(ID);
        return byPk(id).orElseThrow();
    }

    public void update(Provider p) {
        dsl.update(T).set(NAME, p.name()).set(AUTHORIZATION_FLOW, p.authorizationFlow())
                .set(AUTHENTICATION_FLOW, p.authenticationFlow()).set(INVALIDATION_FLOW, p.invalidationFlow())
                .where(ID.eq(p.pk())).execute();
    }

    public Optional<Provider> byPk(long pk) {
        return dsl.select(ALL).from(T).where(ID.eq(pk)).fetchOptional(ProviderStore::map);
    }

    public boolean anyOfKind(String kind) {
        return dsl.fetchExists(T, KIND.eq(kind));
    }

    public boolean nameTaken(String name, long exceptPk) {
        return dsl.fetchExists(T, NAME.eq(name).and(ID.ne(exceptPk)));
    }

    public boolean delete(long pk) {
        return dsl.deleteFrom(T).where(ID.eq(pk)).execute() > 0;
    }

    public Page<Provider> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }
}
