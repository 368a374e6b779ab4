package dev.gatehouse.flow;

import static dev.gatehouse.flow.FlowTables.Stages.*;

import dev.gatehouse.core.Json;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.store.DefinitionCache;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Rows of {@code flows_stage}: every stage type in one table, its config as a JSON document. */
public final class StageStore {
    public static final Listing<Stage> LISTING = Listing.of(T, ALL, UUID_, StageStore::map)
            .filter("pk", UUID_).filter("name", NAME)
            .search(NAME)
            .order("name", NAME)
            .defaultOrder(NAME.asc())
            .build();

    private final DSLContext dsl;

    public StageStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Stage insert(String name, String type, Map<String, Object> config) {
        UUID pk = UUID.randomUUID();
        dsl.insertInto(T).set(UUID_, pk).set(NAME, name).set(TYPE, type).set(CONFIG, Json.write(config))
                .set(CREATED, Instant.now()).execute();
        return byPk(pk).orElseThrow();
    }

    public void update(Stage s) {
        dsl.update(T).set(NAME, s.name()).set(CONFIG, Json.write(s.config())).where(UUID_.eq(s.pk())).execute();
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    public Optional<Stage> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(StageStore::map);
    }

    /** {@link #byPk} through the {@link DefinitionCache}, for the planner. */
    public Optional<Stage> byPkCached(UUID pk) {
        return DefinitionCache.of(dsl).get(java.util.List.of("stage-by-pk", pk), () -> byPk(pk));
    }

    public Optional<Stage> byName(String name) {
        return dsl.select(ALL).from(T).where(NAME.eq(name)).fetchOptional(StageStore::map);
    }

    /** Every stage of one type, by name. */
    public java.util.List<Stage> ofType(String type) {
        return dsl.select(ALL).from(T).where(TYPE.eq(type)).orderBy(NAME).fetch(StageStore::map);
    }

    /** The type of the stage, or {@code null} when there is no such stage. */
    public String typeOf(UUID pk) {
        return dsl.select(TYPE).from(T).where(UUID_.eq(pk)).fetchOne(TYPE);
    }

    public boolean nameTaken(String name, UUID exceptPk) {
        return dsl.fetchExists(T, NAME.eq(name).and(exceptPk == null ? DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    /** Every stage, or only those of one type when {@code type} is not null. */
    public Page<Stage> list(PageRequest req, String type) {
        Condition base = type == null ? null : TYPE.eq(type);
        return LISTING.fetch(dsl, req, base);
    }

    static Stage map(Record r) {
        return new Stage(r.get(UUID_), r.get(NAME), r.get(TYPE), Json.map(r.get(CONFIG)), r.get(CREATED));
    }
}
