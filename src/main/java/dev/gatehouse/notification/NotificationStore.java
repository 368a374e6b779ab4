package dev.gatehouse.notification;

import static dev.gatehouse.notification.NotificationTables.Notifications.*;

import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Rows of {@code events_notification}. Every read and write but {@link #insert} is limited to one user's own
 * notifications: another user's pk answers as if it did not exist.
 */
public final class NotificationStore {
    public static final Listing<Notification> LISTING = Listing.of(T, ALL, UUID_, NotificationStore::map)
            .filter("severity", SEVERITY).filter("seen", SEEN).filter("event", EVENT).filter("body", BODY)
            .search(BODY)
            .order("created", CREATED).order("severity", SEVERITY).order("seen", SEEN)
            .defaultOrder(CREATED.desc())
            .build();

    private final DSLContext dsl;

    public NotificationStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Notification insert(long user, UUID event, Severity severity, String body, Instant created) {
        Notification n = new Notification(UUID.randomUUID(), user, event, severity, body, created, false);
        dsl.insertInto(T).set(UUID_, n.pk()).set(USER, user).set(EVENT, event).set(SEVERITY, severity.wire())
                .set(BODY, body).set(CREATED, created).set(SEEN, false).execute();
        return n;
    }

    public Optional<Notification> ofUser(long user, UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).and(USER.eq(user)).fetchOptional(NotificationStore::map);
    }

    /** The user's notifications, newest first unless the request orders otherwise. */
    public Page<Notification> listOfUser(long user, PageRequest req) {
        return LISTING.fetch(dsl, req, USER.eq(user));
    }

    public int unseen(long user) {
        return dsl.fetchCount(T, USER.eq(user).and(SEEN.isFalse()));
    }

    public boolean setSeen(long user, UUID pk, boolean seen) {
        return dsl.update(T).set(SEEN, seen).where(UUID_.eq(pk)).and(USER.eq(user)).execute() == 1;
    }

    public int markAllSeen(long user) {
        return dsl.update(T).set(SEEN, true).where(USER.eq(user)).and(SEEN.isFalse()).execute();
    }

    public boolean delete(long user, UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).and(USER.eq(user)).execute() == 1;
    }

    private static Notification map(Record r) {
        return new Notification(r.get(UUID_), r.get(USER), r.get(EVENT), Severity.of(r.get(SEVERITY)), r.get(BODY),
                r.get(CREATED), r.get(SEEN));
    }
}
