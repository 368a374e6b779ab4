package dev.gatehouse.housekeeping;

import dev.gatehouse.core.EventStore;
import dev.gatehouse.provider.oauth2.device.OAuth2DeviceStore;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jooq.DSLContext;

/**
 * The background sweep that replaces authentik's worker container: every {@code interval} it deletes expired
 * events, sessions, OAuth2 codes and tokens, OAuth2 device authorizations and forward-auth (proxy) sessions, and
 * expired reputation scores. One virtual thread per process; the processes of a cluster take turns, so the sweep runs
 * once per interval in the whole cluster ({@link #sweepIfDue}). {@link #sweep} is public so tests and the CLI can run it on demand.
 */
public final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());
    private final Database db;
    private final Duration interval;
    private final String process = "housekeeping-" + java.util.UUID.randomUUID();
    private volatile boolean running = true;
    private Thread thread;

    public Housekeeping(Database db, Duration interval) {
        this.db = db;
        this.interval = interval;
    }

    /** What one sweep removed. */
    public record Swept(int events, int sessions, int oauth2, int deviceCodes, int proxySessions) {
    }

    public Housekeeping start() {
        thread = Thread.ofVirtual().name("housekeeping").start(() -> {
            while (running) {
                LockSupport.parkNanos(interval.toNanos());
                if (!running) {
                    return;
                }
                try {
                    sweepIfDue(Instant.now()).ifPresent(s -> LOG.fine(() -> "housekeeping: " + s));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "housekeeping sweep failed; retrying at the next interval", e);
                }
            }
        });
        return this;
    }

    /**
     * Sweeps when it is this process's turn: once per interval in the whole cluster ({@link Turns}); empty when
     * another process swept less than an interval ago.
     */
    public java.util.Optional<Swept> sweepIfDue(Instant now) {
        if (!db.tx(dsl -> Turns.take(dsl, "sweep", process, now, interval))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(sweep(now));
    }

    public Swept sweep(Instant now) {
        return db.tx(dsl -> {
            new dev.gatehouse.policy.reputation.ReputationStore(dsl).deleteExpired(now);
            return new Swept(new EventStore(dsl).deleteExpired(now), new dev.gatehouse.session.SessionStore(dsl).deleteExpired(now),
                    new OAuth2GrantStore(dsl).deleteExpired(now), new OAuth2DeviceStore(dsl).deleteExpired(now),
                    new dev.gatehouse.provider.proxy.ProxySessionStore(dsl).deleteExpired(now));
        });
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }
}
