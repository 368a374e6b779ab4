package dev.gatehouse.core;

import static dev.gatehouse.core.CoreTables.Events.*;

import dev.gatehouse.core.Event;
import dev.gatehouse.core.Json;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code events_event}, the audit log. */
public final class EventStore {
    public static final Listing<Event> LISTING = Listing.of(T, ALL, UUID_, EventStore::map)
            .filter("action", ACTION).filter("username", USERNAME).filter("client_ip", CLIENT_IP)
            .filter("app", APP)
            .search(ACTION, USERNAME, CLIENT_IP)
            .order("created", CREATED).order("action", ACTION).order("client_ip", CLIENT_IP)
            .defaultOrder(CREATED.desc())
            .build();

    private final DSLContext dsl;

    public EventStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    static Event map(Record r) {
        return new Event(r.get(UUID_), r.get(ACTION), Json.map(r.get(USER)), r.get(APP), Json.map(r.get(CONTEXT)),
                r.get(CLIENT_IP), Json.map(r.get(BRAND)), r.get(CREATED), r.get(EXPIRES));
    }

    public void insert(Event e) {
        Object username = e.user().get("username");
        dsl.insertInto(T).set(UUID_, e.pk()).set(ACTION, e.action()).set(USER, Json.write(e.user()))
                .set(USERNAME, username == null ? null : username.toString())
                .set(APP, e.app()).set(CONTEXT, Json.write(e.context())).set(CLIENT_IP, e.clientIp())
                .set(BRAND, Json.write(e.brand())).set(CREATED, e.created()).set(EXPIRES, e.expires()).execute();
    }

    public Optional<Event> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(EventStore::map);
    }

    public Page<Event> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }

    public int deleteExpired(Instant now) {
        return dsl.deleteFrom(T).where(EXPIRES.lt(now)).execute();
    }
}
