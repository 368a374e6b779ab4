package dev.gatehouse.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * The in-memory caches that hold something derived from one user — browser sessions, forward-auth sessions
 * and their identity headers, header-auth results — and the one entry point that empties them for a user:
 * {@link #invalidate(long)}. This process calls it after it deleted a user's sessions or changed or deleted the
 * user; a cross-process change feed calls it for the changes of other processes (until then each cache's short
 * TTL is the safety net). What derives from definitions (bindings, groups, providers) follows
 * {@link DefinitionCache} instead.
 */
public final class UserCaches {
    private final List<LongConsumer> caches = new CopyOnWriteArrayList<>();

    /** Adds a cache; {@code evict} must drop everything it holds about the user and be cheap and non-blocking. */
    public void register(LongConsumer evict) {
        caches.add(evict);
    }

    /** Every cache forgets what it holds about the user; their next reads go to the database. */
    public void invalidate(long userPk) {
        for (LongConsumer c : caches) {
            c.accept(userPk);
        }
    }
}
