package dev.gatehouse.provider.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.store.DefinitionCache;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The forward-auth hot path's memory: proxy session → the {@link Identity} to answer with (bounded, Caffeine).
 * A request whose session is here and fresh costs no database round trip. An entry is fresh while
 * <ul>
 * <li>its session has not expired (checked against the clock on every request),</li>
 * <li>the {@link DefinitionCache} generation it was built under is current (a change to bindings, groups,
 * providers, applications or outposts — written by this process, or announced by another — makes every
 * entry reload at its next request), and</li>
 * <li>it was checked against the database less than {@link #TTL} ago (the safety net for changes of other
 * processes that were not announced).</li>
 * </ul>
 * {@link #invalidateUser} is the entry point for everything else: a user's sessions deleted, the user changed
 * or deactivated (it is registered with {@link dev.gatehouse.store.UserCaches}); {@link #invalidateAll} empties
 * everything. A load that overlaps an invalidation is answered but not kept.
 */
public final class ProxySessionCache {
    /** The longest an unannounced change of another process goes unseen. */
    public static final Duration TTL = Duration.ofNanos(DefinitionCache.TTL_NANOS);
    static final int MAX_ENTRIES = 50_000;

    /** A session key hash as presented for one provider. */
    record Key(long provider, String keyHash) {
    }

    /** A session's cached answer: who, until when (epoch millis), what to say, and when it was built. */
    record Entry(long user, long expiresMillis, Identity identity, long generation, long checkedAt) {
    }

    /** Loads a session afresh: {@code previous} is the stale entry (to keep its token), null when there was none. */
    @FunctionalInterface
    interface Loader {
        Entry load(Entry previous, long generation);
    }

    private final Cache<Key, Entry> cache = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
            .expireAfterAccess(Duration.ofHours(1)).build();
    private final AtomicLong epoch = new AtomicLong();
    private final DefinitionCache definitions;
    private final LongSupplier nanos;

    ProxySessionCache(DefinitionCache definitions) {
        this(definitions, System::nanoTime);
    }

    ProxySessionCache(DefinitionCache definitions, LongSupplier nanos) {
        this.definitions = definitions;
        this.nanos = nanos;
    }

    /** The entry for a session: the cached one when fresh, else what {@code loader} finds (null: no session). */
    Entry get(Key key, Loader loader) {
        Entry e = cache.getIfPresent(key);
        if (e != null && fresh(e)) {
            return e;
        }
        long before = epoch.get();
        Entry[] answer = new Entry[1];
        cache.asMap().compute(key, (k, old) -> {
            if (old != null && fresh(old)) {
                answer[0] = old;
                return old;
            }
            Entry loaded = loader.load(old, definitions.generation());
            answer[0] = loaded;
            return loaded != null && epoch.get() == before ? loaded : null;
        });
        return answer[0];
    }

    /** Puts a session just signed in (its first request then needs no load). */
    void put(Key key, Entry entry) {
        cache.put(key, entry);
    }

    void remove(Key key) {
        epoch.incrementAndGet();
        cache.invalidate(key);
    }

    /** Forgets every session of the user: their next requests check the database again. */
    public void invalidateUser(long userPk) {
        epoch.incrementAndGet();
        cache.asMap().values().removeIf(e -> e.user() == userPk);
    }

    /** Forgets everything. */
    public void invalidateAll() {
        epoch.incrementAndGet();
        cache.invalidateAll();
    }

    /** A new entry built now under {@code generation}. */
    Entry entry(long user, long expiresMillis, Identity identity, long generation) {
        return new Entry(user, expiresMillis, identity, generation, nanos.getAsLong());
    }

    long size() {
        return cache.estimatedSize();
    }

    private boolean fresh(Entry e) {
        return e.generation() == definitions.generation() && nanos.getAsLong() - e.checkedAt() < TTL.toNanos()
                && System.currentTimeMillis() < e.expiresMillis();
    }
}
