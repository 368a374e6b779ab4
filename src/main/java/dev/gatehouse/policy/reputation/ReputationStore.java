package dev.gatehouse.policy.reputation;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.greatest;
import static org.jooq.impl.DSL.least;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;

import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.store.Tables;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Rows of {@code policies_reputation_reputation} (V26): one score per (identifier, ip). A change is an atomic
 * {@code score = score + amount} in the database (never read-modify-write), kept within [{@link #MIN}, {@link #MAX}],
 * and pushes the row's expiry {@link #EXPIRY} past now (authentik's {@code reputation.expiry}, one day).
 */
public final class ReputationStore {
    public static final long MIN = -100;
    public static final long MAX = 100;
    public static final Duration EXPIRY = Duration.ofDays(1);

    /** jOOQ handles on the table. */
    public static final class Scores {
        public static final Table<Record> T = table(name("policies_reputation_reputation"));
        public static final Field<UUID> UUID_ = field(name("policies_reputation_reputation", "reputation_uuid"), SQLDataType.UUID);
        public static final Field<String> IDENTIFIER = field(name("policies_reputation_reputation", "identifier"), SQLDataType.VARCHAR);
        public static final Field<String> IP = field(name("policies_reputation_reputation", "ip"), SQLDataType.VARCHAR);
        public static final Field<Long> SCORE = field(name("policies_reputation_reputation", "score"), SQLDataType.BIGINT);
        public static final Field<Instant> UPDATED = field(name("policies_reputation_reputation", "updated"), SQLDataType.INSTANT);
        public static final Field<Instant> EXPIRES = field(name("policies_reputation_reputation", "expires"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Scores.class);

        private Scores() {
        }
    }

    public static final Listing<Reputation> LISTING = Listing.of(Scores.T, Scores.ALL, Scores.UUID_, ReputationStore::map)
            .filter("identifier", Scores.IDENTIFIER).filter("ip", Scores.IP)
            .order("identifier", Scores.IDENTIFIER).order("ip", Scores.IP).order("score", Scores.SCORE)
            .order("updated", Scores.UPDATED)
            .defaultOrder(Scores.UPDATED.desc())
            .build();

    private final DSLContext dsl;

    public ReputationStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    static Reputation map(Record r) {
        return new Reputation(r.get(Scores.UUID_), r.get(Scores.IDENTIFIER), r.get(Scores.IP), r.get(Scores.SCORE),
                r.get(Scores.UPDATED), r.get(Scores.EXPIRES));
    }

    /**
     * Adds {@code amount} to the (identifier, ip) score, creating the row when there is none. Usually one UPDATE;
     * when the row is missing, an insert that yields to a concurrent insert of the same pair (PostgreSQL's
     * {@code ON CONFLICT DO NOTHING}; H2 reports the other's uncommitted row as a key violation of this statement
     * alone), then the UPDATE again, which waits for that row's lock.
     */
    public void change(String identifier, String ip, long amount, Instant now) {
        for (int attempt = 0; ; attempt++) {
            if (update(identifier, ip, amount, now) > 0) {
                return;
            }
            try {
                if (dsl.insertInto(Scores.T).set(Scores.UUID_, UUID.randomUUID()).set(Scores.IDENTIFIER, identifier)
                        .set(Scores.IP, ip).set(Scores.SCORE, clamp(amount)).set(Scores.UPDATED, now)
                        .set(Scores.EXPIRES, now.plus(EXPIRY)).onConflict(Scores.IDENTIFIER, Scores.IP).doNothing()
                        .execute() > 0) {
                    return;
                }
            } catch (IntegrityConstraintViolationException e) {
                if (attempt >= 50) {
                    throw e;
                }
                LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
            }
        }
    }

    private int update(String identifier, String ip, long amount, Instant now) {
        Field<Long> next = greatest(least(Scores.SCORE.plus(amount), DSL.val(MAX)), DSL.val(MIN));
        return dsl.update(Scores.T).set(Scores.SCORE, next).set(Scores.UPDATED, now)
                .set(Scores.EXPIRES, now.plus(EXPIRY))
                .where(Scores.IDENTIFIER.eq(identifier), Scores.IP.eq(ip)).execute();
    }

    static long clamp(long score) {
        return Math.max(MIN, Math.min(MAX, score));
    }

    /**
     * The sum of the scores of rows matching the IP (when {@code ip} is non-null) or the identifier (when
     * {@code identifier} is non-null); 0 when neither is given or nothing matches (authentik's aggregate).
     */
    public long total(String ip, String identifier) {
        Condition c = DSL.noCondition();
        boolean any = false;
        if (ip != null) {
            c = Scores.IP.eq(ip);
            any = true;
        }
        if (identifier != null) {
            c = any ? c.or(Scores.IDENTIFIER.eq(identifier)) : Scores.IDENTIFIER.eq(identifier);
            any = true;
        }
        if (!any) {
            return 0;
        }
        BigDecimal total = dsl.select(sum(Scores.SCORE)).from(Scores.T).where(c).fetchOne(0, BigDecimal.class);
        return total == null ? 0 : total.longValue();
    }

    public Optional<Reputation> byUuid(UUID uuid) {
        return dsl.select(Scores.ALL).from(Scores.T).where(Scores.UUID_.eq(uuid)).fetchOptional(ReputationStore::map);
    }

    public Optional<Reputation> of(String identifier, String ip) {
        return dsl.select(Scores.ALL).from(Scores.T).where(Scores.IDENTIFIER.eq(identifier), Scores.IP.eq(ip))
                .fetchOptional(ReputationStore::map);
    }

    public Page<Reputation> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }

    public boolean delete(UUID uuid) {
        return dsl.deleteFrom(Scores.T).where(Scores.UUID_.eq(uuid)).execute() > 0;
    }

    public int deleteExpired(Instant now) {
        return dsl.deleteFrom(Scores.T).where(Scores.EXPIRES.le(now)).execute();
    }
}
