package dev.gatehouse.provider.ldap;

import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closes LDAP connections on which the client sent nothing for the idle timeout: a connection counts as active while
 * one of its requests is being answered, and its idle time starts when the last answer was sent. One sweep every
 * quarter of the timeout (at most every 5 s) closes the idle ones, so a connection lives at most 1.25 timeouts idle.
 */
final class IdleConnections implements AutoCloseable {
    private final long timeoutNanos;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper;

    IdleConnections(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        long every = Math.max(50, Math.min(timeout.toMillis() / 4, 5000));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("ldap-idle-sweeper").unstarted(r));
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /** Starts watching an accepted connection. */
    Watched watch(LDAPListenerClientConnection connection) {
        Watched w = new Watched(connection);
        watched.add(w);
        return w;
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watched w : watched) {
            if (w.busy.get() == 0 && now - w.lastAnswer > timeoutNanos) {
                watched.remove(w);
                try {
                    w.connection.close();
                } catch (IOException | RuntimeException e) {
                    // already closing: nothing to do
                }
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        watched.clear();
    }

    /** One watched connection: {@link #begin} and {@link #end} around each request, {@link #stop} when closed. */
    final class Watched {
        private final LDAPListenerClientConnection connection;
        private final AtomicInteger busy = new AtomicInteger();
        private volatile long lastAnswer = System.nanoTime();

        private Watched(LDAPListenerClientConnection connection) {
            this.connection = connection;
        }

        void begin() {
            busy.incrementAndGet();
        }

        void end() {
            lastAnswer = System.nanoTime();
            busy.decrementAndGet();
        }

        void stop() {
            watched.remove(this);
        }
    }
}
