package dev.gatehouse.provider.ldap;

import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Database;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where searches get a provider's {@link Directory}. Direct search mode: built from the database for each search.
 * Cached search mode: kept in memory and rebuilt on the first search after a change — any change to a user, a
 * group or a membership ({@link ChangeFeed} topics user, group and definitions, so changes made by other
 * processes on the same PostgreSQL count too) or to the provider itself. A rebuild that overlapped a change is
 * not trusted past it.
 */
final class DirectorySource {
    private record Cached(long generation, LdapProvider provider, Directory directory) {
    }

    private final DirectoryLoader loader;
    private final AtomicLong generation = new AtomicLong();
    private final Map<Long, Cached> cached = new ConcurrentHashMap<>();

    DirectorySource(Database db, DirectoryLoader loader) {
        this.loader = loader;
        for (String topic : new String[] {ChangeFeed.USER, ChangeFeed.GROUP, ChangeFeed.DEFINITIONS}) {
            db.changes().subscribe(topic, key -> generation.incrementAndGet());
        }
    }

    Directory directory(LdapProvider p) {
        if (!p.cachedSearch()) {
            return loader.load(p);
        }
        Cached c = cached.get(p.pk());
        long now = generation.get();
        if (c != null && c.generation() == now && c.provider().equals(p)) {
            return c.directory();
        }
        synchronized (this) {
            c = cached.get(p.pk());
            now = generation.get();
            if (c != null && c.generation() == now && c.provider().equals(p)) {
                return c.directory();
            }
            Directory d = loader.load(p);
            cached.put(p.pk(), new Cached(now, p, d));
            return d;
        }
    }

    /** Drops the directories of providers no longer served. */
    void retain(java.util.Collection<Long> providers) {
        cached.keySet().retainAll(providers);
    }
}
