package dev.gatehouse.policy;

import static dev.gatehouse.policy.PolicyTables.Policies.*;

import dev.gatehouse.core.Json;
import dev.gatehouse.policy.Policy;
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

/** Rows of {@code policies_policy}: every policy type in one table, its config as a JSON document. */
public final class PolicyStore {
    public static final Listing<Policy> LISTING = Listing.of(T, ALL, UUID_, PolicyStore::map)
            .filter("pk", UUID_).filter("name", NAME).filter("execution_logging", EXECUTION_LOGGING)
            .search(NAME)
            .order("name", NAME)
            .defaultOrder(NAME.asc())
            .build();

    private final DSLContext dsl;

    public PolicyStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Policy insert(String name, String type, Map<String, Object> config, boolean executionLogging) {
        UUID pk = UUID.randomUUID();
        dsl.insertInto(T).set(UUID_, pk).set(NAME, name).set(TYPE, type).set(CONFIG, Json.write(config))
                .set(EXECUTION_LOGGING, executionLogging).set(CREATED, Instant.now()).execute();
        return byPk(pk).orElseThrow();
    }

    public void update(Policy s) {
        dsl.update(T).set(NAME, s.name()).set(CONFIG, Json.write(s.config()))
                .set(EXECUTION_LOGGING, s.executionLogging()).where(UUID_.eq(s.pk())).execute();
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    public Optional<Policy> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(PolicyStore::map);
    }

    /** {@link #byPk} through the {@link DefinitionCache}, for the policy engine. */
    public Optional<Policy> byPkCached(UUID pk) {
        return DefinitionCache.of(dsl).get(java.util.List.of("policy-by-pk", pk), () -> byPk(pk));
    }

    public Optional<Policy> byName(String name) {
        return dsl.select(ALL).from(T).where(NAME.eq(name)).fetchOptional(PolicyStore::map);
    }

    /** The type of the policy, or {@code null} when there is no such policy. */
    public String typeOf(UUID pk) {
        return dsl.select(TYPE).from(T).where(UUID_.eq(pk)).fetchOne(TYPE);
    }

    public boolean exists(UUID pk) {
        return dsl.fetchExists(T, UUID_.eq(pk));
    }

    public boolean anyOfType(String type) {
        return dsl.fetchExists(T, TYPE.eq(type));
    }

    public boolean nameTaken(String name, UUID exceptPk) {
        return dsl.fetchExists(T, NAME.eq(name).and(exceptPk == null ? DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    /** Every policy, or only those of one type when {@code type} is not null. */
    public Page<Policy> list(PageRequest req, String type) {
        Condition base = type == null ? null : TYPE.eq(type);
        return LISTING.fetch(dsl, req, base);
    }

    static Policy map(Record r) {
        return new Policy(r.get(UUID_), r.get(NAME), r.get(TYPE), Json.map(r.get(CONFIG)), r.get(EXECUTION_LOGGING),
                r.get(CREATED));
    }
}
