package dev.gatehouse.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteType;

/**
 * What the hot paths read on every request but admins rarely change — flows, stages, their bindings,
 * policies and policy bindings, brands; providers, applications, outposts and scope mappings (the token
 * endpoint and the forward-auth routing table); notification rules (whether any exists is asked on every event);
 * groups and memberships (what group bindings and group
 * attributes depend on) — kept in memory between changes. Every statement that writes one
 * of those tables (whoever issues it: the API, the bootstrap, a test) is seen by this class as a jOOQ
 * execute listener and empties the cache, once when the statement ran and again when its transaction
 * ends, so a reader that loaded the old rows during the transaction cannot keep them. A load that
 * overlaps a change is not kept either, nor one made inside a transaction that has written definitions
 * (it may see its own uncommitted rows). Such writes are also {@linkplain ChangeFeed#publish published} as
 * ({@value ChangeFeed#DEFINITIONS}, {@value ChangeFeed#ALL}), so other processes sharing a PostgreSQL database
 * empty theirs when the transaction commits, and this cache empties itself on their changes. Entries are
 * reloaded after {@link #TTL_NANOS} at the latest all the same: the safety net for rows changed outside
 * Gatehouse (psql) and for a listening connection that died unnoticed (checked every 10 s).
 */
public class DefinitionCache implements ExecuteListener {
    /**
     * The longest a change goes unseen when no notification announced it. Notifications make it rare, so a
     * minute: a reload is a database round trip on a hot path.
     */
    public static final long TTL_NANOS = 60_000_000_000L;
    private static final Pattern DEFINITION_TABLES = Pattern.compile(
            "\"?(flows_flow|flows_stage|flows_flowstagebinding|policies_policy|policies_policybinding|core_brand"
                    + "|core_provider|core_application|providers_oauth2|oauth2_scope_mapping|providers_proxy|providers_ldap|providers_ldap_search_access"
                    + "|outposts_outpost|outposts_outpost_provider|core_group|core_group_parent|core_user_group"
                    + "|events_notificationrule)\"?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final ThreadLocal<int[]> TX_DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final ThreadLocal<boolean[]> WROTE = ThreadLocal.withInitial(() -> new boolean[1]);

    private record Entry(long generation, long loadedAt, Object value) {
    }

    /** Bounded: keys can come from requests (a slug, a client_id), and absent rows are remembered too. */
    private static final int MAX_ENTRIES = 10_000;
    private final Cache<Object, Entry> entries = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
    private final AtomicLong generation = new AtomicLong();
    private final LongSupplier clock;
    private final ChangeFeed changes;

    /** Empties itself on the feed's {@value ChangeFeed#DEFINITIONS} changes and publishes the writes it sees. */
    /** A cache of its own, outside any database (tests of the caches built on it). */
    public DefinitionCache() {
        this(null, System::nanoTime);
    }

    DefinitionCache(ChangeFeed changes) {
        this(changes, System::nanoTime);
    }

    DefinitionCache(LongSupplier clock) {
        this(null, clock);
    }

    private DefinitionCache(ChangeFeed changes, LongSupplier clock) {
        this.clock = clock;
        this.changes = changes;
        if (changes != null) {
            changes.subscribe(ChangeFeed.DEFINITIONS, key -> invalidate());
        }
    }

    /**
     * The value under {@code key}, loaded with {@code loader} when absent, older than the TTL or invalidated.
     * Keys must identify what the loader reads (e.g. {@code List.of("flow", slug)}).
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Supplier<T> loader) {
        long now = clock.getAsLong();
        long current = generation.get();
        Entry e = entries.getIfPresent(key);
        if (e != null && e.generation == current && now - e.loadedAt < TTL_NANOS) {
            return (T) e.value;
        }
        T value = loader.get();
        if (this != NONE && generation.get() == current && !WROTE.get()[0]) {
            entries.put(key, new Entry(current, now, value));
        }
        return value;
    }

    private static final DefinitionCache NONE = new DefinitionCache(() -> 0) {
    };

    /**
     * The cache of the database a jOOQ context belongs to (its execute listener); for a context made
     * without one, a cache that keeps nothing.
     */
    public static DefinitionCache of(org.jooq.DSLContext dsl) {
        for (org.jooq.ExecuteListenerProvider p : dsl.configuration().executeListenerProviders()) {
            if (p.provide() instanceof DefinitionCache cache) {
                return cache;
            }
        }
        return NONE;
    }

    /**
     * The current generation: it changes whenever the cache is emptied, so a cache of values derived from
     * definitions (the forward-auth session cache) can tell that what it holds may be stale.
     */
    public long generation() {
        return generation.get();
    }

    /** Forgets everything; the next reads load from the database. */
    public void invalidate() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        if (ctx.type() == ExecuteType.READ) {
            return;
        }
        if (writesDefinitions(ctx)) {
            invalidate();
            if (changes != null) {
                changes.publish(ChangeFeed.DEFINITIONS, ChangeFeed.ALL);
            }
            if (TX_DEPTH.get()[0] > 0) {
                WROTE.get()[0] = true;
            }
        }
    }

    private static boolean writesDefinitions(ExecuteContext ctx) {
        if (ctx.sql() != null && DEFINITION_TABLES.matcher(ctx.sql()).find()) {
            return true;
        }
        String[] batch = ctx.batchSQL();
        if (batch != null) {
            for (String sql : batch) {
                if (sql != null && DEFINITION_TABLES.matcher(sql).find()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Database.tx calls this around a transaction so the cache is emptied again when it ends. */
    <T> T inTransaction(Supplier<T> work) {
        int[] depth = TX_DEPTH.get();
        depth[0]++;
        try {
            return work.get();
        } finally {
            if (--depth[0] == 0) {
                boolean[] wrote = WROTE.get();
                if (wrote[0]) {
                    wrote[0] = false;
                    invalidate();
                }
            }
        }
    }
}
