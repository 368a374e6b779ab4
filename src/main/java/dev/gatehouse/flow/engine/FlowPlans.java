package dev.gatehouse.flow.engine;

import static dev.gatehouse.flow.engine.FlowPlanTable.*;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.crypto.SecretBox;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jooq.Record;

/**
 * Plans in progress, stored in the database under the browser's flow key and the flow slug, so any process of a
 * cluster, or one started since, continues a flow. The client only carries the random key; the row is found by
 * the SHA-256 of key and slug, and holds the plan {@linkplain StoredPlan as JSON} sealed with SECRET_KEY (AES-GCM,
 * the key hash as associated data: a row copied under another key does not open). A plan is forgotten after
 * {@link #IDLE} without a step; expired rows are deleted when read and, at most once a minute, when a plan is
 * written. A plan larger than {@link #MAX_BYTES} is refused ({@link TooLarge}).
 */
public final class FlowPlans {
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** The largest plan stored, as JSON before sealing. */
    public static final int MAX_BYTES = 64 * 1024;
    private static final String PURPOSE = "gatehouse/flow/plan/v1";
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(FlowPlans.class.getName());

    /** A plan, or the final step of one that has ended and not yet been shown. */
    public record Entry(FlowPlan plan, FlowExecutor.Step finished) {
    }

    /** A plan over {@link #MAX_BYTES}: the flow cannot continue. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(int bytes) {
            super("flow plan of " + bytes + " bytes is over the limit of " + MAX_BYTES);
        }
    }

    private final Database db;
    private final SecretBox box;
    private final InMemoryStages kinds;
    private final StoredPlan codec;
    private final Clock clock;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.EPOCH);

    public FlowPlans(Database db, String secretKey, InMemoryStages kinds, Clock clock) {
        this.db = db;
        this.box = new SecretBox(secretKey, PURPOSE);
        this.kinds = kinds;
        this.codec = new StoredPlan(kinds);
        this.clock = clock;
    }

    public FlowPlans(Database db, String secretKey) {
        this(db, secretKey, new InMemoryStages(), Clock.systemUTC());
    }

    /** The kinds of in-memory stages plans may hold; the code that appends such a stage registers its kind here. */
    public InMemoryStages stages() {
        return kinds;
    }

    /** The entry stored for this key and flow; null when there is none, it has expired, or it no longer reads. */
    public Entry get(String flowKey, Flow flow) {
        String hash = hash(flowKey, flow);
        Record row = db.dsl().select(STATE, EXPIRES).from(T).where(KEY_HASH.eq(hash)).fetchOne();
        if (row == null) {
            return null;
        }
        if (!row.get(EXPIRES).isAfter(clock.instant())) {
            remove(hash);
            return null;
        }
        try {
            Optional<Entry> entry = codec.decode(box.openBytes(hash, row.get(STATE)), flow, refs());
            if (entry.isEmpty()) {
                remove(hash);
            }
            return entry.orElse(null);
        } catch (RuntimeException unreadable) { // SECRET_KEY changed, or a plan of an older version
            LOG.log(Level.FINE, "a stored flow plan does not read; the flow starts again", unreadable);
            remove(hash);
            return null;
        }
    }

    /** Stores the entry under this key and flow, for another {@link #IDLE}. */
    public void put(String flowKey, Flow flow, Entry entry) {
        String hash = hash(flowKey, flow);
        String sealed = seal(hash, entry);
        Instant expires = clock.instant().plus(IDLE);
        db.txRun(dsl -> {
            if (dsl.update(T).set(STATE, sealed).set(EXPIRES, expires).set(USER, user(entry.plan()))
                    .where(KEY_HASH.eq(hash)).execute() == 0) {
                dsl.insertInto(T).set(KEY_HASH, hash).set(FLOW, flow.pk()).set(STATE, sealed).set(EXPIRES, expires)
                        .set(USER, user(entry.plan())).execute();
            }
        });
        sweepNow();
    }

    /**
     * Moves the entry from one key to another (the flow key rotates after every accepted answer), stored as
     * {@code entry}: the old key no longer finds it.
     */
    public void move(String fromKey, String toKey, Flow flow, Entry entry) {
        String from = hash(fromKey, flow);
        String to = hash(toKey, flow);
        String sealed = seal(to, entry);
        Instant expires = clock.instant().plus(IDLE);
        db.txRun(dsl -> {
            if (dsl.update(T).set(KEY_HASH, to).set(STATE, sealed).set(EXPIRES, expires).set(USER, user(entry.plan()))
                    .where(KEY_HASH.eq(from)).execute() == 0) {
                dsl.insertInto(T).set(KEY_HASH, to).set(FLOW, flow.pk()).set(STATE, sealed).set(EXPIRES, expires)
                        .set(USER, user(entry.plan())).execute();
            }
        });
        sweepNow();
    }

    /**
     * Parks a copy of {@code plan}, as it is now, under a single-use {@code token} until {@code expires}: a browser
     * that opens the flow with {@code ?flow_token=<token>} {@linkplain #claim claims} it. Only the row's key (a
     * SHA-256 of the token, apart from the keys of browsers' plans: a flow cookie cannot address it) is stored, with
     * the plan sealed under it. The link works for {@code lifetime}.
     */
    public Parked park(String token, FlowPlan plan, Duration lifetime) {
        String hash = parkedHash(token, plan.flow());
        String sealed = seal(hash, new Entry(plan, null));
        Instant expires = clock.instant().plus(lifetime);
        db.dsl().insertInto(T).set(KEY_HASH, hash).set(FLOW, plan.flow().pk()).set(STATE, sealed).set(EXPIRES, expires)
                .set(USER, user(plan)).execute();
        return new Parked(hash, expires);
    }

    /** A parked plan: its row's key, by which its holder may {@linkplain #unpark unpark} it, and when its link expires. */
    public record Parked(String key, Instant expires) {
    }

    /**
     * The work of {@link #park} without its write, for a caller that must take as long whether or not there is
     * something to park (a recovery for an unknown user).
     */
    public Parked parkNothing(String token, FlowPlan plan, Duration lifetime) {
        String hash = parkedHash(token, plan.flow());
        seal(hash, new Entry(plan, null));
        return new Parked(hash, clock.instant().plus(lifetime));
    }

    /** Forgets a parked plan by the key {@link #park} returned (a newer link replaces it). */
    public void unpark(String parkedKey) {
        remove(parkedKey);
    }

    /**
     * Takes the plan parked under {@code token} for {@code flow}, once: its row is deleted, and only the caller whose
     * delete removed it gets the plan (two browsers opening one link at once: one wins). Empty for an unknown, used or
     * expired token, or a plan that no longer reads.
     */
    public Optional<FlowPlan> claim(String token, Flow flow) {
        String hash = parkedHash(token, flow);
        Record row = db.dsl().select(STATE, EXPIRES).from(T).where(KEY_HASH.eq(hash)).fetchOne();
        if (row == null || db.dsl().deleteFrom(T).where(KEY_HASH.eq(hash)).execute() != 1
                || !row.get(EXPIRES).isAfter(clock.instant())) {
            return Optional.empty();
        }
        try {
            return codec.decode(box.openBytes(hash, row.get(STATE)), flow, refs()).map(Entry::plan);
        } catch (RuntimeException unreadable) {
            LOG.log(Level.FINE, "a parked flow plan does not read", unreadable);
            return Optional.empty();
        }
    }

    public void remove(String flowKey, Flow flow) {
        remove(hash(flowKey, flow));
    }

    /**
     * Deletes, in {@code dsl}'s transaction, every plan stored for {@code user} (its pending user): the flows it has
     * in progress in any browser and the plans parked under links ({@code ?flow_token=}) for it. The number deleted.
     */
    public static int deleteOfUser(org.jooq.DSLContext dsl, long user) {
        return dsl.deleteFrom(T).where(USER.eq(user)).execute();
    }

    /** The user a plan is stored for: its pending user, when it has one. */
    private static Long user(FlowPlan plan) {
        return plan.context().get(FlowKeys.PENDING_USER).map(User::pk).orElse(null);
    }

    /** Deletes every expired plan; returns how many. */
    public int deleteExpired() {
        lastSweep.set(clock.instant());
        return db.dsl().deleteFrom(T).where(EXPIRES.le(clock.instant())).execute();
    }

    private void remove(String hash) {
        db.dsl().deleteFrom(T).where(KEY_HASH.eq(hash)).execute();
    }

    private String seal(String hash, Entry entry) {
        byte[] json = codec.encode(entry);
        if (json.length > MAX_BYTES) {
            throw new TooLarge(json.length);
        }
        return box.seal(hash, json);
    }

    private void sweepNow() {
        Instant last = lastSweep.get();
        Instant now = clock.instant();
        if (now.isAfter(last.plus(SWEEP_EVERY)) && lastSweep.compareAndSet(last, now)) {
            deleteExpired();
        }
    }

    /** The row's key: the SHA-256 of the browser's flow key and the flow slug (the key alone is never stored). */
    static String hash(String flowKey, Flow flow) {
        return Secrets.sha256Hex(flowKey + "/" + flow.slug());
    }

    /** The row's key of a plan parked under a link's token: never the key of a browser's plan. */
    static String parkedHash(String token, Flow flow) {
        return Secrets.sha256Hex("flow_token/" + token + "/" + flow.slug());
    }

    /** Reads each referenced object once per plan read (the initial and the current context often share them). */
    private ContextRefs refs() {
        Map<Long, Optional<User>> users = new HashMap<>();
        Map<UUID, Optional<Application>> applications = new HashMap<>();
        return new ContextRefs() {
            @Override
            public Optional<User> user(long pk) {
                return users.computeIfAbsent(pk, p -> new UserStore(db.dsl()).byPk(p));
            }

            @Override
            public Optional<Application> application(UUID pk) {
                return applications.computeIfAbsent(pk, p -> new ApplicationStore(db.dsl()).byPk(p));
            }
        };
    }
}
