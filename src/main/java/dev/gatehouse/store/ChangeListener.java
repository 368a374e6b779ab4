package dev.gatehouse.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The PostgreSQL side of {@link ChangeFeed}: one connection of its own (not from the pool) that LISTENs on
 * {@value ChangeFeed#CHANNEL}, read by a virtual thread. When the connection drops (server restart, a
 * terminated backend, a network failure noticed by the periodic check) it connects again with a growing
 * pause, and once listening again tells the feed that everything may have changed: notifications sent
 * meanwhile are lost.
 */
final class ChangeListener implements AutoCloseable {
    static final long FIRST_PAUSE_MILLIS = 100;
    static final long MAX_PAUSE_MILLIS = 5_000;
    private static final int WAIT_MILLIS = 500;
    private static final long CHECK_NANOS = 10_000_000_000L;
    private static final Logger LOG = Logger.getLogger(ChangeListener.class.getName());

    private final Callable<Connection> connect;
    private final ChangeFeed feed;
    private volatile Thread thread;
    private volatile Connection current;
    private volatile boolean listening;
    private volatile boolean closed;

    ChangeListener(Callable<Connection> connect, ChangeFeed feed) {
        this.connect = connect;
        this.feed = feed;
    }

    /**
     * Connects and LISTENs before returning (nothing can have been cached yet, so nothing was missed), then
     * reads on the virtual thread. When that first connect fails the thread keeps trying.
     */
    void start() {
        Connection first = null;
        try {
            first = listen();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cannot listen for changes from other processes yet: " + e.getMessage());
        }
        Connection c = first;
        thread = Thread.ofVirtual().name("gatehouse-changes").start(() -> run(c));
    }

    boolean listening() {
        return listening;
    }

    /** The PostgreSQL backend process of the listening connection (tests terminate it); 0 when not connected. */
    int backendPid() throws SQLException {
        Connection c = current;
        return c == null || !listening ? 0 : c.unwrap(PGConnection.class).getBackendPID();
    }

    private Connection listen() throws Exception {
        Connection c = connect.call();
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + ChangeFeed.CHANNEL);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void run(Connection first) {
        Connection c = first;
        long pause = FIRST_PAUSE_MILLIS;
        while (!closed) {
            try {
                if (c == null) {
                    c = listen();
                    feed.everything();
                    LOG.info("listening for changes from other processes again");
                }
                current = c;
                listening = true;
                pause = FIRST_PAUSE_MILLIS;
                receive(c);
            } catch (Exception e) {
                if (!closed) {
                    LOG.log(listening ? Level.WARNING : Level.FINE, "not listening for changes from other processes"
                            + " (reconnecting; meanwhile their changes are seen after the cache TTL): " + e.getMessage());
                }
            } finally {
                listening = false;
                current = null;
                closeQuietly(c);
                c = null;
            }
            if (!closed) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    return;
                }
                pause = Math.min(pause * 2, MAX_PAUSE_MILLIS);
            }
        }
        closeQuietly(c);
    }

    private void receive(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
            if (notifications != null) {
                for (PGNotification n : notifications) {
                    feed.received(n.getParameter());
                }
            }
            if (System.nanoTime() - checked > CHECK_NANOS) {
                if (!c.isValid(5)) {
                    throw new SQLException("the listening connection does not answer");
                }
                checked = System.nanoTime();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        closeQuietly(current);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // going anyway
            }
        }
    }
}
