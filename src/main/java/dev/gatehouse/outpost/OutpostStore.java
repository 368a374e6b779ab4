package dev.gatehouse.outpost;

import static dev.gatehouse.outpost.OutpostTables.Outposts.*;

import dev.gatehouse.core.Json;
import dev.gatehouse.outpost.Outpost;
import dev.gatehouse.outpost.OutpostTables.OutpostProviders;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code outposts_outpost} with their provider lists ({@code outposts_outpost_provider}). */
public final class OutpostStore {
    public static final Listing<Record> LISTING = Listing.of(T, ALL, UUID_, r -> r)
            .filter("name", NAME).filter("type", TYPE).filter("managed", MANAGED)
            .search(NAME)
            .order("name", NAME).order("type", TYPE)
            .defaultOrder(NAME.asc())
            .build();

    private final DSLContext dsl;

    public OutpostStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Outpost insert(String name, String type, String managed, Map<String, Object> config) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(T).set(UUID_, id).set(NAME, name).set(TYPE, type).set(MANAGED, managed)
                .set(CONFIG, Json.write(config)).set(CREATED, Instant.now()).execute();
        return byPk(id).orElseThrow();
    }

    public void update(UUID pk, String name, Map<String, Object> config) {
        dsl.update(T).set(NAME, name).set(CONFIG, Json.write(config)).where(UUID_.eq(pk)).execute();
    }

    /** Replaces the outpost's provider list. */
    public void setProviders(UUID outpost, Collection<Long> providers) {
        dsl.deleteFrom(OutpostProviders.T).where(OutpostProviders.OUTPOST.eq(outpost)).execute();
        for (Long p : new java.util.LinkedHashSet<>(providers)) {
            dsl.insertInto(OutpostProviders.T).set(OutpostProviders.OUTPOST, outpost)
                    .set(OutpostProviders.PROVIDER, p).execute();
        }
    }

    public void addProvider(UUID outpost, long provider) {
        if (!dsl.fetchExists(OutpostProviders.T, OutpostProviders.OUTPOST.eq(outpost)
                .and(OutpostProviders.PROVIDER.eq(provider)))) {
            dsl.insertInto(OutpostProviders.T).set(OutpostProviders.OUTPOST, outpost)
                    .set(OutpostProviders.PROVIDER, provider).execute();
        }
    }

    public Optional<Outpost> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional().map(this::of);
    }

    public Optional<Outpost> byManaged(String managed) {
        return dsl.select(ALL).from(T).where(MANAGED.eq(managed)).fetchOptional().map(this::of);
    }

    public boolean nameTaken(String name, UUID exceptPk) {
        return dsl.fetchExists(T, NAME.eq(name).and(exceptPk == null ? org.jooq.impl.DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    /** The outposts that serve a provider. */
    public List<Outpost> serving(long provider) {
        return dsl.select(ALL).from(T).join(OutpostProviders.T).on(OutpostProviders.OUTPOST.eq(UUID_))
                .where(OutpostProviders.PROVIDER.eq(provider)).orderBy(NAME).fetch().map(this::of);
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    /** An outpost row with its provider list. */
    public Outpost of(Record r) {
        UUID pk = r.get(UUID_);
        List<Long> providers = dsl.select(OutpostProviders.PROVIDER).from(OutpostProviders.T)
                .where(OutpostProviders.OUTPOST.eq(pk)).orderBy(OutpostProviders.PROVIDER)
                .fetch(OutpostProviders.PROVIDER);
        return new Outpost(pk, r.get(NAME), r.get(TYPE), r.get(MANAGED), Json.map(r.get(CONFIG)), providers,
                r.get(CREATED));
    }

    public Page<Outpost> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null).map(this::of);
    }
}
