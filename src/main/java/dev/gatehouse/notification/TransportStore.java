package dev.gatehouse.notification;

import static dev.gatehouse.notification.NotificationTables.Transports.*;

import dev.gatehouse.crypto.SecretBox;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Rows of {@code events_notificationtransport}. The webhook secret is sealed with a {@link SecretBox} of its own
 * purpose, bound to the transport's uuid, so a sealed secret copied onto another transport does not open; a secret
 * sealed under another SECRET_KEY reads as null (unreadable) rather than as none, so nothing is sent unsigned.
 */
public final class TransportStore {
    static final String PURPOSE = "gatehouse/events/transport/webhook-secret/v1";

    public static final Listing<Record> LISTING = Listing.of(T, ALL, UUID_, r -> r)
            .filter("pk", UUID_).filter("name", NAME).filter("mode", MODE).filter("webhook_url", WEBHOOK_URL)
            .filter("send_once", SEND_ONCE)
            .search(NAME, MODE, WEBHOOK_URL)
            .order("name", NAME).order("mode", MODE)
            .defaultOrder(NAME.asc())
            .build();

    private final DSLContext dsl;
    private final SecretBox box;

    public TransportStore(DSLContext dsl, String secretKey) {
        this.dsl = dsl;
        this.box = new SecretBox(secretKey, PURPOSE);
    }

    public void insert(Transport t) {
        dsl.insertInto(T).set(UUID_, t.pk()).set(NAME, t.name()).set(MODE, t.mode().wire())
                .set(WEBHOOK_URL, t.webhookUrl()).set(WEBHOOK_SECRET, seal(t.pk(), t.webhookSecret()))
                .set(SEND_ONCE, t.sendOnce()).execute();
    }

    public void update(Transport t) {
        var update = dsl.update(T).set(NAME, t.name()).set(MODE, t.mode().wire()).set(WEBHOOK_URL, t.webhookUrl())
                .set(SEND_ONCE, t.sendOnce());
        (t.webhookSecret() == null ? update : update.set(WEBHOOK_SECRET, seal(t.pk(), t.webhookSecret())))
                .where(UUID_.eq(t.pk())).execute();
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    public Optional<Transport> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(this::map);
    }

    public boolean nameTaken(String name, UUID exceptPk) {
        return dsl.fetchExists(T, NAME.eq(name).and(exceptPk == null ? org.jooq.impl.DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    public java.util.Set<UUID> existing(java.util.Collection<UUID> pks) {
        return new java.util.HashSet<>(dsl.select(UUID_).from(T).where(UUID_.in(pks)).fetch(UUID_));
    }

    public List<Transport> byPks(java.util.Collection<UUID> pks) {
        return dsl.select(ALL).from(T).where(UUID_.in(pks)).orderBy(NAME).fetch(this::map);
    }

    public Page<Transport> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null).map(this::map);
    }

    /** Seals the secret; null (one that could not be read) keeps what is stored. */
    private String seal(UUID pk, String secret) {
        return secret == null || secret.isEmpty() ? "" : box.seal(context(pk), secret);
    }

    private Transport map(Record r) {
        UUID pk = r.get(UUID_);
        String sealed = r.get(WEBHOOK_SECRET);
        String secret;
        try {
            secret = sealed.isEmpty() ? "" : box.open(context(pk), sealed);
        } catch (SecretBox.Unreadable e) {
            secret = null;
        }
        return new Transport(pk, r.get(NAME), TransportMode.of(r.get(MODE)), r.get(WEBHOOK_URL), secret,
                r.get(SEND_ONCE));
    }

    private static String context(UUID pk) {
        return "events_notificationtransport:" + pk + ":webhook_secret";
    }
}
