package dev.gatehouse.mail;

import dev.gatehouse.queue.QueueWorker;
import dev.gatehouse.queue.RetrySchedule;
import dev.gatehouse.store.Database;
import java.time.Clock;
import java.time.Duration;

/**
 * Delivers the queued mail in the background: the shared {@link QueueWorker} over the mail queue ({@link MailWork}).
 * A commit that queues mail wakes it at once (the topic {@value SmtpMailer#TOPIC}); a failed try is queued again after
 * the {@link RetrySchedule}'s delay; after the last one the message is marked failed and a
 * {@code system_task_exception} event recorded. Processes sharing one database send each message once; a claim left
 * by a process that stopped mid-send runs out after the message's timeout and a minute, and it is tried again.
 */
public final class MailSender implements AutoCloseable {
    /** The safety-net poll: a wake-up that was missed costs at most this much delay. */
    public static final Duration DEFAULT_POLL = QueueWorker.DEFAULT_POLL;
    private final QueueWorker<MailQueue.Claimed> worker;

    MailSender(Database db, MailQueue queue, SmtpClient smtp, RetrySchedule retries, Duration poll, Clock clock) {
        this.worker = new QueueWorker<>(db, new MailWork(queue, smtp), retries, poll, clock);
    }

    /** Starts the thread; it first sends what an earlier process left queued. */
    public MailSender start() {
        worker.start();
        return this;
    }

    /** Makes the thread look for due mail now. */
    public void wake() {
        worker.wake();
    }

    /** Sends every message due now, in batches, until none is left; returns how many tries were made. */
    public int deliverDue() {
        return worker.drain();
    }

    /** Stops the thread: a message being sent gets a few seconds to finish, then the send is interrupted. */
    @Override
    public void close() {
        worker.close();
    }
}
