package dev.gatehouse.queue;

import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains one {@link WorkQueue} in the background: one virtual thread that tries every due row, then sleeps until the
 * next one falls due. A commit that adds rows wakes it at once (the queue's {@link ChangeFeed} topic: in this process
 * after the commit, in the others by PostgreSQL's NOTIFY); a poll every {@code poll} is the safety net. Each row is
 * claimed before it is tried, so processes sharing one database try it once; a claim left by a process that stopped
 * mid-try runs out after the row's longest try and a minute, and the row is tried again (at-least-once). A failed try
 * is queued again after the {@link RetrySchedule}'s delay; after the last one the row is given up. Rows given up are
 * deleted after {@code keepFailed}.
 */
public final class QueueWorker<C extends WorkQueue.Claimed> implements AutoCloseable {
    /** The safety-net poll: a wake-up that was missed costs at most this much delay. */
    public static final Duration DEFAULT_POLL = Duration.ofMinutes(1);
    /** Rows given up are kept this long (what they were, the error) after they were queued. */
    public static final Duration KEEP_FAILED = Duration.ofDays(30);
    private static final Duration CLAIM_MARGIN = Duration.ofMinutes(1);
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final int BATCH = 20;
    private static final Logger LOG = Logger.getLogger(QueueWorker.class.getName());

    private final Database db;
    private final WorkQueue<C> queue;
    private final RetrySchedule retries;
    private final Duration poll;
    private final Clock clock;
    private final String claimant;
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean stopped;
    private Thread thread;
    private ChangeFeed.Subscription subscription;
    private Instant lastCleanup = Instant.MIN;

    public QueueWorker(Database db, WorkQueue<C> queue, RetrySchedule retries, Duration poll, Clock clock) {
        this.db = db;
        this.queue = queue;
        this.retries = retries;
        this.poll = poll;
        this.clock = clock;
        this.claimant = queue.name() + "-" + UUID.randomUUID();
    }

    /** Starts the thread; it first tries what an earlier process left queued. */
    public synchronized QueueWorker<C> start() {
        if (thread == null && !stopped) {
            subscription = db.changes().subscribe(queue.topic(), key -> wake());
            thread = Thread.ofVirtual().name(queue.name()).start(this::run);
        }
        return this;
    }

    /** Makes the thread look for due rows now. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void run() {
        while (!stopped) {
            Duration wait = poll;
            try {
                drain();
                cleanUp();
                Optional<Instant> next = queue.nextDue(db.dsl());
                if (next.isPresent()) {
                    Duration until = Duration.between(clock.instant(), next.get());
                    wait = until.isNegative() ? Duration.ZERO : until.compareTo(poll) < 0 ? until : poll;
                }
            } catch (RuntimeException e) {
                if (!stopped) {
                    LOG.log(Level.WARNING, queue.name() + " failed; trying again in " + poll.toSeconds() + "s", e);
                }
            }
            try {
                // Milliseconds past the due time: a row due "now" is due by the time it is looked up.
                wakeups.tryAcquire(wait.toNanos() + 1_000_000, TimeUnit.NANOSECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Tries every row due now, in batches, until none is left; returns how many tries were made. */
    public int drain() {
        int tried = 0;
        while (!stopped) {
            List<WorkQueue.Due> due = queue.due(db.dsl(), clock.instant(), BATCH);
            int claimed = 0;
            for (WorkQueue.Due d : due) {
                if (stopped) {
                    break;
                }
                if (tryOne(d)) {
                    claimed++;
                }
            }
            tried += claimed;
            if (due.size() < BATCH || claimed == 0) {
                break;
            }
        }
        return tried;
    }

    /** Claims one row and tries it; false when another process had it. */
    private boolean tryOne(WorkQueue.Due due) {
        Instant now = clock.instant();
        // The claim outlives the longest try by a margin.
        Instant until = now.plus(CLAIM_MARGIN).plus(due.maxTry());
        Optional<C> claim = db.tx(dsl -> queue.claim(dsl, due.id(), claimant, now, until));
        if (claim.isEmpty()) {
            return false;
        }
        C c = claim.get();
        WorkQueue.Outcome outcome;
        try {
            outcome = queue.attempt(c);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, queue.describe(c) + ": try " + c.attempt() + " failed", e);
            outcome = new WorkQueue.Outcome.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (Thread.currentThread().isInterrupted()) {
            // Stopping mid-try: whether it took effect is unknown. The claim runs out and the next start tries again.
            return true;
        }
        switch (outcome) {
            case WorkQueue.Outcome.Done done -> db.txRun(dsl -> {
                if (queue.done(dsl, c, claimant)) {
                    done.effects().accept(dsl);
                }
            });
            case WorkQueue.Outcome.Hopeless hopeless -> giveUp(c, hopeless.reason());
            case WorkQueue.Outcome.Failed failed -> {
                Duration delay = retries.delayAfter(c.attempt());
                if (delay == null) {
                    giveUp(c, failed.reason());
                } else {
                    LOG.info(() -> queue.describe(c) + " failed (try " + c.attempt() + " of " + retries.maxAttempts()
                            + "), trying again in " + delay.toSeconds() + "s: " + failed.reason());
                    db.txRun(dsl -> queue.retryAt(dsl, c, claimant, clock.instant().plus(delay), failed.reason()));
                }
            }
        }
        return true;
    }

    private void giveUp(C c, String reason) {
        LOG.warning(() -> queue.describe(c) + " given up after " + c.attempt() + " tries: " + reason);
        db.txRun(dsl -> queue.giveUp(dsl, c, claimant, reason));
    }

    private void cleanUp() {
        Instant now = clock.instant();
        if (Duration.between(lastCleanup, now).compareTo(CLEANUP_EVERY) >= 0) {
            lastCleanup = now;
            db.txRun(dsl -> queue.deleteFailedBefore(dsl, now.minus(KEEP_FAILED)));
        }
    }

    /** Stops the thread: a row being tried gets a few seconds to finish, then the try is interrupted. */
    @Override
    public synchronized void close() {
        stopped = true;
        if (subscription != null) {
            subscription.close();
        }
        Thread t = thread;
        if (t != null) {
            wake();
            try {
                if (!t.join(STOP_WAIT)) {
                    t.interrupt();
                    t.join(STOP_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
