package dev.gatehouse.queue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The bookkeeping columns every queue table has, and the statements on them that {@link WorkQueue}s share. A row's
 * status goes {@value #QUEUED} ({@code next_attempt} says when) → {@value #SENDING} ({@code claimed_by} holds it until
 * {@code claimed_until}, so two processes never work on one row, and one left behind by a stopped process is taken
 * again after that) → deleted once done, back to queued after a failed try, or {@value #FAILED} once the tries are
 * used up. Every change after the claim is conditional on the claim still being held.
 */
public record QueueTable(Table<Record> table, Field<UUID> id, Field<String> status, Field<Integer> attempts,
                         Field<Instant> nextAttempt, Field<String> claimedBy, Field<Instant> claimedUntil,
                         Field<String> lastError, Field<Instant> created) {
    public static final String QUEUED = "queued";
    public static final String SENDING = "sending";
    public static final String FAILED = "failed";

    /** Due at {@code now}: queued and its time has come, or left sending by a claim that ran out. */
    public Condition due(Instant now) {
        return status.eq(QUEUED).and(nextAttempt.le(now)).or(status.eq(SENDING).and(claimedUntil.lt(now)));
    }

    /**
     * Takes the row for {@code claimant} until {@code until} and counts the try, if it is still due: one UPDATE whose
     * condition only a due row meets, so of two processes racing for it exactly one gets true.
     */
    public boolean claim(DSLContext dsl, UUID row, String claimant, Instant now, Instant until) {
        return dsl.update(table).set(status, SENDING).set(claimedBy, claimant).set(claimedUntil, until)
                .set(attempts, attempts.plus(1)).where(id.eq(row)).and(due(now)).execute() == 1;
    }

    /** The {@code columns} of the claimed row, read back by its claimant. */
    public Optional<Record> claimed(DSLContext dsl, UUID row, String claimant, java.util.List<Field<?>> columns) {
        return dsl.select(columns).from(table).where(id.eq(row)).and(claimedBy.eq(claimant)).fetchOptional()
                .map(r -> (Record) r);
    }

    /** Done: the row goes. False when the claim was lost meanwhile. */
    public boolean remove(DSLContext dsl, UUID row, String claimant) {
        return dsl.deleteFrom(table).where(id.eq(row)).and(claimedBy.eq(claimant)).execute() == 1;
    }

    /** A failed try with tries left: queued again for {@code at}. */
    public boolean retryAt(DSLContext dsl, UUID row, String claimant, Instant at, String error) {
        return dsl.update(table).set(status, QUEUED).set(nextAttempt, at).set(lastError, error)
                .setNull(claimedBy).setNull(claimedUntil)
                .where(id.eq(row)).and(claimedBy.eq(claimant)).execute() == 1;
    }

    /** Given up: marked failed with the error; {@code erase} sets more columns (a sealed body emptied). */
    public boolean giveUp(DSLContext dsl, UUID row, String claimant, String error, Map<Field<?>, Object> erase) {
        return dsl.update(table).set(status, FAILED).set(lastError, error).set(erase).setNull(claimedBy)
                .setNull(claimedUntil).where(id.eq(row)).and(claimedBy.eq(claimant)).execute() == 1;
    }

    /** When the next row falls due (a queued row's time, or a claim's end); empty when nothing waits. */
    public Optional<Instant> nextDue(DSLContext dsl) {
        Instant queued = dsl.select(DSL.min(nextAttempt)).from(table).where(status.eq(QUEUED))
                .fetchOne(0, Instant.class);
        Instant claim = dsl.select(DSL.min(claimedUntil)).from(table).where(status.eq(SENDING))
                .fetchOne(0, Instant.class);
        if (queued == null) {
            return Optional.ofNullable(claim);
        }
        return Optional.of(claim == null || queued.isBefore(claim) ? queued : claim);
    }

    /** Deletes the failed rows created before {@code before}. */
    public int deleteFailedBefore(DSLContext dsl, Instant before) {
        return dsl.deleteFrom(table).where(status.eq(FAILED)).and(created.lt(before)).execute();
    }
}
