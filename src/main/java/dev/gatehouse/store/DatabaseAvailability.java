package dev.gatehouse.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the database answers, as the last connection attempt and the last failed statement saw it. While it is
 * away, borrowing a connection fails at once ({@link #refuse}) instead of waiting out the pool's connection
 * timeout on every request: one caller at a time, at most once per {@link #PROBE_INTERVAL}, is let through to
 * try, and its success ends the outage. Requests failing for this reason are answered 503 ({@link #isOutage}).
 */
public final class DatabaseAvailability {
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(DatabaseAvailability.class.getName());

    private volatile boolean down;
    private volatile long nextProbe;
    private final AtomicBoolean probing = new AtomicBoolean();

    /** Thrown instead of borrowing a connection while the database is away. */
    public static final class Unavailable extends SQLTransientConnectionException {
        Unavailable() {
            super("the database is unavailable", "08001");
        }
    }

    public boolean isDown() {
        return down;
    }

    /**
     * Before borrowing: true when the caller may try the pool (the database is up, or this caller is the probe);
     * the probe must report back with {@link #succeeded} or {@link #failed}.
     */
    boolean mayTry() {
        if (!down) {
            return true;
        }
        return System.nanoTime() - nextProbe >= 0 && probing.compareAndSet(false, true);
    }

    SQLException refuse() {
        return new Unavailable();
    }

    void succeeded() {
        probing.set(false);
        if (down) {
            down = false;
            LOG.info("the database answers again");
        }
    }

    /** A borrow or a statement failed; an outage when {@code e} says the connection is gone. */
    void failed(Throwable e) {
        probing.set(false);
        if (isOutage(e)) {
            nextProbe = System.nanoTime() + PROBE_INTERVAL.toNanos();
            if (!down) {
                down = true;
                LOG.log(Level.WARNING, "the database is unavailable; requests are answered 503 until it is back: "
                        + e.getMessage());
            }
        }
    }

    /**
     * Whether {@code e} (or a cause, or a suppressed exception) says the database cannot be reached: a refusal of
     * this class or another connection exception, SQLSTATE class 08, PostgreSQL's 57P01–57P03 (shut down, crashed,
     * cannot connect now), or the pool's "Connection is closed" for a connection it dropped under a transaction.
     */
    public static boolean isOutage(Throwable e) {
        return isOutage(e, 0);
    }

    /** Walks causes and suppressed exceptions (a failed commit carries the failed rollback), a few levels deep. */
    private static boolean isOutage(Throwable e, int depth) {
        for (Throwable t = e; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && (connectionState(sql.getSQLState())
                    || HIKARI_CLOSED.equals(sql.getMessage()))) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (isOutage(s, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** What the pool says of a connection it closed under a statement, because the database dropped it. */
    private static final String HIKARI_CLOSED = "Connection is closed";

    private static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.matches("57P0[123]"));
    }
}
