package dev.gatehouse.mail;

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
 * Delivers the queued mail in the background: one virtual thread that sends every due message, then sleeps until the
 * next one falls due. A commit that queues mail wakes it at once (the {@link ChangeFeed} topic
 * {@value SmtpMailer#TOPIC}: in this process after the commit, in the others by PostgreSQL's NOTIFY); a poll every
 * {@code poll} is the safety net. A failed try is queued again after the {@link RetrySchedule}'s delay; after the
 * last one the message is marked failed and a {@code system_task_exception} event recorded. Each message is claimed
 * before it is sent ({@link MailQueue#claim}), so processes sharing one database send it once; a claim left by a
 * process that stopped mid-send runs out after the message's timeout and a minute, and the message is tried again.
 */
public final class MailSender implements AutoCloseable {
    /** The safety-net poll: a wake-up that was missed costs at most this much delay. */
    public static final Duration DEFAULT_POLL = Duration.ofMinutes(1);
    /** Failed messages are kept this long (recipient, subject, error) after they were queued. */
    static final Duration KEEP_FAILED = Duration.ofDays(30);
    private static final Duration CLAIM_MARGIN = Duration.ofMinutes(1);
    private static final Duration CLEANUP_EVERY = Duration.ofHours(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final int BATCH = 20;
    private static final Logger LOG = Logger.getLogger(MailSender.class.getName());

    private final Database db;
    private final MailQueue queue;
    private final SmtpClient smtp;
    private final RetrySchedule retries;
    private final Duration poll;
    private final Clock clock;
    private final String claimant = "sender-" + UUID.randomUUID();
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean stopped;
    private Thread thread;
    private ChangeFeed.Subscription subscription;
    private Instant lastCleanup = Instant.MIN;

    MailSender(Database db, MailQueue queue, SmtpClient smtp, RetrySchedule retries, Duration poll, Clock clock) {
        this.db = db;
        this.queue = queue;
        this.smtp = smtp;
        this.retries = retries;
        this.poll = poll;
        this.clock = clock;
    }

    /** Starts the thread; it first sends what an earlier process left queued. */
    public synchronized MailSender start() {
        if (thread == null && !stopped) {
            subscription = db.changes().subscribe(SmtpMailer.TOPIC, key -> wake());
            thread = Thread.ofVirtual().name("mail-sender").start(this::run);
        }
        return this;
    }

    /** Makes the thread look for due mail now. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void run() {
        while (!stopped) {
            Duration wait = poll;
            try {
                deliverDue();
                cleanUp();
                Optional<Instant> next = queue.nextDue(db.dsl());
                if (next.isPresent()) {
                    Duration until = Duration.between(clock.instant(), next.get());
                    wait = until.isNegative() ? Duration.ZERO : until.compareTo(poll) < 0 ? until : poll;
                }
            } catch (RuntimeException e) {
                if (!stopped) {
                    LOG.log(Level.WARNING, "sending queued mail failed; trying again in " + poll.toSeconds() + "s", e);
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

    /** Sends every message due now, in batches, until none is left; returns how many tries were made. */
    public int deliverDue() {
        int tried = 0;
        while (!stopped) {
            List<MailQueue.Due> due = queue.due(db.dsl(), clock.instant(), BATCH);
            int claimed = 0;
            for (MailQueue.Due d : due) {
                if (stopped) {
                    break;
                }
                if (deliver(d)) {
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

    /** Claims one message and tries it; false when another process had it. */
    private boolean deliver(MailQueue.Due due) {
        Instant now = clock.instant();
        // The claim outlives the longest try (the message's timeout caps it) by a margin.
        Instant until = now.plus(CLAIM_MARGIN).plusSeconds(due.timeoutSeconds());
        Optional<MailQueue.Claimed> claim = db.tx(dsl -> queue.claim(dsl, due.id(), claimant, now, until));
        if (claim.isEmpty()) {
            return false;
        }
        MailQueue.Claimed c = claim.get();
        if (c.unreadable() != null) {
            giveUp(c, c.unreadable());
            return true;
        }
        Delivery result = smtp.send(c.mail(), c.smtp());
        if (Thread.currentThread().isInterrupted()) {
            // Stopping mid-send: whether it went out is unknown. The claim runs out and the next start tries again.
            return true;
        }
        switch (result) {
            case Delivery.Sent sent -> db.txRun(dsl -> {
                queue.sent(dsl, c.id(), claimant);
                MailEvents.sent(dsl, c.mail(), c.from());
            });
            case Delivery.Failed failed -> {
                Duration delay = retries.delayAfter(c.attempt());
                if (delay == null) {
                    giveUp(c, failed.reason());
                } else {
                    LOG.info(() -> "email to " + c.mail().to() + " not sent (try " + c.attempt() + " of "
                            + retries.maxAttempts() + "), trying again in " + delay.toSeconds() + "s: " + failed.reason());
                    db.txRun(dsl -> queue.retryAt(dsl, c.id(), claimant, clock.instant().plus(delay), failed.reason()));
                }
            }
        }
        return true;
    }

    private void giveUp(MailQueue.Claimed c, String reason) {
        LOG.warning(() -> "email to " + c.mail().to() + " given up after " + c.attempt() + " tries: " + reason);
        db.txRun(dsl -> {
            if (queue.failed(dsl, c.id(), claimant, reason)) {
                MailEvents.failed(dsl, c.mail(), c.from(), reason, c.attempt());
            }
        });
    }

    private void cleanUp() {
        Instant now = clock.instant();
        if (Duration.between(lastCleanup, now).compareTo(CLEANUP_EVERY) >= 0) {
            lastCleanup = now;
            db.txRun(dsl -> queue.deleteFailedBefore(dsl, now.minus(KEEP_FAILED)));
        }
    }

    /** Stops the thread: a message being sent gets a few seconds to finish, then the send is interrupted. */
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
