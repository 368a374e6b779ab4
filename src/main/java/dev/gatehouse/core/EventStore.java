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

    /** The filters beyond the listing's exact ones: a time range and the application an event authorized. */
    public static final String CREATED_FROM = "created__gte";
    public static final String CREATED_TO = "created__lte";
    public static final String AUTHORIZED_APP = "context_authorized_app";
    /** Every filter {@code events/events/} accepts. */
    public static final java.util.Set<String> FILTERS = filters();

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
        return LISTING.fetch(dsl, req, beyondExact(req.filters()));
    }

    private static java.util.Set<String> filters() {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(LISTING.filterNames());
        all.addAll(java.util.List.of(CREATED_FROM, CREATED_TO, AUTHORIZED_APP));
        return java.util.Collections.unmodifiableSet(all);
    }

    /**
     * {@code created__gte} and {@code created__lte} take an ISO instant or a date (a date "to" includes that whole
     * day, UTC); {@code context_authorized_app} an application pk, matching the events whose context names it as
     * {@code authorized_application}. A value that cannot be read is a 400 naming the filter.
     */
    private static org.jooq.Condition beyondExact(java.util.Map<String, String> filters) {
        org.jooq.Condition where = org.jooq.impl.DSL.noCondition();
        java.util.Map<String, java.util.List<String>> errors = new java.util.LinkedHashMap<>();
        String from = filters.get(CREATED_FROM);
        if (from != null && !from.isBlank()) {
            Instant at = instant(from, false);
            if (at == null) {
                errors.put(CREATED_FROM, java.util.List.of("Enter a valid date/time."));
            } else {
                where = where.and(CREATED.ge(at));
            }
        }
        String to = filters.get(CREATED_TO);
        if (to != null && !to.isBlank()) {
            Instant at = instant(to, true);
            if (at == null) {
                errors.put(CREATED_TO, java.util.List.of("Enter a valid date/time."));
            } else {
                where = where.and(to.trim().length() == 10 ? CREATED.lt(at) : CREATED.le(at));
            }
        }
        String app = filters.get(AUTHORIZED_APP);
        if (app != null && !app.isBlank()) {
            try {
                UUID pk = UUID.fromString(app.trim());
                where = where.and(CONTEXT.contains("\"authorized_application\""))
                        .and(CONTEXT.contains("\"pk\":\"" + pk + "\""));
            } catch (IllegalArgumentException e) {
                errors.put(AUTHORIZED_APP, java.util.List.of("Enter a valid UUID."));
            }
        }
        if (!errors.isEmpty()) {
            throw new dev.gatehouse.core.errors.ValidationException(errors);
        }
        return where;
    }

    /** An ISO instant, or a date: its start, or for the end of a range the start of the next day. */
    private static Instant instant(String text, boolean end) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                java.time.LocalDate d = java.time.LocalDate.parse(t);
                return (end ? d.plusDays(1) : d).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(t).toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    public int deleteExpired(Instant now) {
        return dsl.deleteFrom(T).where(EXPIRES.lt(now)).execute();
    }
}
