package dev.gatehouse.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * One table of background work that a {@link QueueWorker} drains: which rows are due, how one is claimed (one UPDATE
 * only a due row satisfies, so of two processes racing for it exactly one gets it), how one is tried, and what a try's
 * end writes. The worker owns the loop (wake-ups, poll, batches, retries, giving up, clean-up, stop); the queue owns
 * its rows and the work.
 *
 * @param <C> a claimed row, opened for its try
 */
public interface WorkQueue<C extends WorkQueue.Claimed> {

    /** A claimed row: its id and which try this is (from 1). */
    interface Claimed {
        UUID id();

        int attempt();
    }

    /** A due row: its id and how long one try of it may take at most (the claim outlives it). */
    record Due(UUID id, Duration maxTry) {
    }

    /** How a try ended. */
    sealed interface Outcome {
        /** Done: {@code effects} are written in the transaction that removes the row, only if the claim still holds. */
        record Done(Consumer<DSLContext> effects) implements Outcome {
            public static final Done NOTHING = new Done(dsl -> {
            });
        }

        /** Failed; tried again after the schedule's delay, or given up after the last try. */
        record Failed(String reason) implements Outcome {
        }

        /** Cannot succeed however often it is tried (the row cannot be read): given up at once. */
        record Hopeless(String reason) implements Outcome {
        }
    }

    /** The worker thread's name and the topic ({@code ChangeFeed}) a commit that adds rows announces. */
    String name();

    String topic();

    /** Up to {@code limit} rows due at {@code now}, the earliest first. */
    List<Due> due(DSLContext dsl, Instant now, int limit);

    /** Claims the row for {@code claimant} until {@code until} and counts the try, if still due; else empty. */
    Optional<C> claim(DSLContext dsl, UUID id, String claimant, Instant now, Instant until);

    /** One try, outside any transaction; may block up to the row's {@link Due#maxTry}. */
    Outcome attempt(C claimed);

    /** Removes the row after a successful try; false when the claim was lost meanwhile. */
    boolean done(DSLContext dsl, C claimed, String claimant);

    /** Queues the row again for {@code at} after a failed try; false when the claim was lost. */
    boolean retryAt(DSLContext dsl, C claimed, String claimant, Instant at, String error);

    /** Marks the row given up (and records what should be known of it); false when the claim was lost. */
    boolean giveUp(DSLContext dsl, C claimed, String claimant, String reason);

    /** When the next row falls due (a queued row's time, or a claim's end); empty when nothing waits. */
    Optional<Instant> nextDue(DSLContext dsl);

    /** Deletes what is kept of rows given up before {@code before}. */
    int deleteFailedBefore(DSLContext dsl, Instant before);

    /** Names a claimed row in a log line (never a secret): {@code email to a@example.org}. */
    String describe(C claimed);
}
