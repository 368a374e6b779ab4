package dev.gatehouse.stage.invitation;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.gatehouse.core.CoreTables.Users;
import dev.gatehouse.core.Json;
import dev.gatehouse.flow.FlowTables.Flows;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * Rows of {@code stages_invitation_invitation}. Listing filters and searches as authentik's invitation API does
 * ({@code name}, {@code created_by__username}, {@code flow__slug}), newest expiry first by default.
 */
public final class InvitationStore {
    private static final String N = "stages_invitation_invitation";
    static final Table<Record> T = table(name(N));
    static final Field<UUID> UUID_ = field(name(N, "invite_uuid"), SQLDataType.UUID);
    static final Field<String> NAME = field(name(N, "name"), SQLDataType.VARCHAR);
    static final Field<Instant> EXPIRES = field(name(N, "expires"), SQLDataType.INSTANT);
    static final Field<Boolean> SINGLE_USE = field(name(N, "single_use"), SQLDataType.BOOLEAN);
    static final Field<String> FIXED_DATA = field(name(N, "fixed_data"), SQLDataType.VARCHAR);
    static final Field<UUID> FLOW = field(name(N, "flow_id"), SQLDataType.UUID);
    static final Field<Long> CREATED_BY = field(name(N, "created_by_id"), SQLDataType.BIGINT);
    static final Field<Instant> CREATED = field(name(N, "created"), SQLDataType.INSTANT);
    private static final List<Field<?>> ALL = columns();

    public static final Listing<Invitation> LISTING = Listing.of(
                    T.leftJoin(Users.T).on(Users.ID.eq(CREATED_BY)).leftJoin(Flows.T).on(Flows.UUID_.eq(FLOW)),
                    ALL, UUID_, InvitationStore::map)
            .filter("pk", UUID_).filter("name", NAME).filter("single_use", SINGLE_USE)
            .filter("created_by__username", Users.USERNAME).filter("flow__slug", Flows.SLUG)
            .search(NAME, Users.USERNAME, Flows.SLUG)
            .order("name", NAME).order("expires", EXPIRES).order("created", CREATED)
            .defaultOrder(EXPIRES.desc().nullsLast())
            .build();

    private final DSLContext dsl;

    public InvitationStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Invitation insert(String name, Instant expires, boolean singleUse, Map<String, Object> fixedData, UUID flow,
                             long createdBy) {
        UUID pk = UUID.randomUUID();
        dsl.insertInto(T).set(UUID_, pk).set(NAME, name).set(EXPIRES, expires).set(SINGLE_USE, singleUse)
                .set(FIXED_DATA, Json.write(fixedData)).set(FLOW, flow).set(CREATED_BY, createdBy)
                .set(CREATED, Instant.now()).execute();
        return byPk(pk).orElseThrow();
    }

    public void update(Invitation i) {
        dsl.update(T).set(NAME, i.name()).set(EXPIRES, i.expires()).set(SINGLE_USE, i.singleUse())
                .set(FIXED_DATA, Json.write(i.fixedData())).set(FLOW, i.flow()).where(UUID_.eq(i.pk())).execute();
    }

    public Optional<Invitation> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(InvitationStore::map);
    }

    /** The invitation, read with its row locked until the transaction ends (a use and a delete wait for each other). */
    public Optional<Invitation> lockByPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).forUpdate().fetchOptional(InvitationStore::map);
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    /**
     * Uses up a single-use invitation: deletes it when it is still there and not expired at {@code now}. Exactly
     * one of two transactions racing for it gets true; the other's delete finds no row (PostgreSQL and H2 make it
     * wait for the first one's row lock, then see the row gone).
     */
    public boolean consume(UUID pk, Instant now) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).and(usableAt(now)).execute() == 1;
    }

    /** Whether a multi-use invitation can still be used at {@code now} (it exists and has not expired). */
    public boolean usable(UUID pk, Instant now) {
        return dsl.fetchExists(T, UUID_.eq(pk).and(usableAt(now)));
    }

    public Page<Invitation> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }

    private static Condition usableAt(Instant now) {
        return EXPIRES.isNull().or(EXPIRES.gt(now));
    }

    private static Invitation map(Record r) {
        return new Invitation(r.get(UUID_), r.get(NAME), r.get(EXPIRES), r.get(SINGLE_USE), Json.map(r.get(FIXED_DATA)),
                r.get(FLOW), r.get(CREATED_BY), r.get(CREATED));
    }

    private static List<Field<?>> columns() {
        return List.of(UUID_, NAME, EXPIRES, SINGLE_USE, FIXED_DATA, FLOW, CREATED_BY, CREATED);
    }
}
