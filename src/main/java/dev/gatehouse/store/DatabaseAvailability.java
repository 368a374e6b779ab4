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
     * Whether {@code e} (or a cause) says the database cannot be reached: a refusal of this class, SQLSTATE class
     * 08 (connection exception), or PostgreSQL's 57P01–57P03 (shut down, crashed, cannot connect now).
     */
    public static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}
