package dev.gatehouse.notification;

import static dev.gatehouse.notification.NotificationTables.Rules.*;

import dev.gatehouse.core.CoreTables.Groups;
import dev.gatehouse.notification.NotificationTables.RuleTransports;
import dev.gatehouse.store.DefinitionCache;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code events_notificationrule} and its transports; filters and search as authentik's rule API. */
public final class RuleStore {
    public static final Listing<Record> LISTING = Listing.of(T.leftJoin(Groups.T).on(Groups.UUID_.eq(GROUP)), ALL,
                    UUID_, r -> r)
            .filter("pk", UUID_).filter("name", NAME).filter("severity", SEVERITY)
            .filter("destination_group__name", Groups.NAME)
            .search(NAME, Groups.NAME)
            .order("name", NAME).order("severity", SEVERITY)
            .defaultOrder(NAME.asc())
            .build();

    private final DSLContext dsl;

    public RuleStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(Rule r) {
        dsl.insertInto(T).set(UUID_, r.pk()).set(NAME, r.name()).set(SEVERITY, r.severity().wire())
                .set(GROUP, r.destinationGroup()).set(EVENT_USER, r.destinationEventUser()).execute();
        setTransports(r.pk(), r.transports());
    }

    public void update(Rule r) {
        dsl.update(T).set(NAME, r.name()).set(SEVERITY, r.severity().wire()).set(GROUP, r.destinationGroup())
                .set(EVENT_USER, r.destinationEventUser()).where(UUID_.eq(r.pk())).execute();
        setTransports(r.pk(), r.transports());
    }

    private void setTransports(UUID rule, List<UUID> transports) {
        dsl.deleteFrom(RuleTransports.T).where(RuleTransports.RULE.eq(rule)).execute();
        for (UUID t : new java.util.LinkedHashSet<>(transports)) {
            dsl.insertInto(RuleTransports.T).set(RuleTransports.RULE, rule).set(RuleTransports.TRANSPORT, t).execute();
        }
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    public boolean exists(UUID pk) {
        return dsl.fetchExists(T, UUID_.eq(pk));
    }

    /** Whether any rule exists; asked for every event recorded, so kept in the {@link DefinitionCache}. */
    public boolean any() {
        return DefinitionCache.of(dsl).get(List.of("notification-rules-exist"), () -> dsl.fetchExists(T));
    }

    public boolean nameTaken(String name, UUID exceptPk) {
        return dsl.fetchExists(T, NAME.eq(name).and(UUID_.ne(exceptPk)));
    }

    public Optional<Rule> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional().map(r -> withTransports(List.of(r)).getFirst());
    }

    /** Every rule, by name. */
    public List<Rule> all() {
        return withTransports(dsl.select(ALL).from(T).orderBy(NAME).fetch());
    }

    public Page<Rule> list(PageRequest req) {
        Page<Record> page = LISTING.fetch(dsl, req, null);
        List<Rule> rules = withTransports(page.results());
        return new Page<>(rules, page.count(), page.page(), page.pageSize());
    }

    private List<Rule> withTransports(List<? extends Record> rows) {
        List<UUID> pks = rows.stream().map(r -> r.get(UUID_)).toList();
        Map<UUID, List<UUID>> transports = new LinkedHashMap<>();
        dsl.select(RuleTransports.RULE, RuleTransports.TRANSPORT).from(RuleTransports.T)
                .where(RuleTransports.RULE.in(pks)).orderBy(RuleTransports.TRANSPORT)
                .forEach(r -> transports.computeIfAbsent(r.get(RuleTransports.RULE), k -> new ArrayList<>())
                        .add(r.get(RuleTransports.TRANSPORT)));
        return rows.stream().map(r -> new Rule(r.get(UUID_), r.get(NAME),
                transports.getOrDefault(r.get(UUID_), List.of()), Severity.of(r.get(SEVERITY)), r.get(GROUP),
                r.get(EVENT_USER))).toList();
    }
}
