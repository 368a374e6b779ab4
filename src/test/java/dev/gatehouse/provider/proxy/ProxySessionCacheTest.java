package dev.gatehouse.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.store.DefinitionCache;
import io.helidon.http.Header;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The hot path's session cache: when it answers from memory and when it goes back to the loader. */
class ProxySessionCacheTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final DefinitionCache definitions = new DefinitionCache();
    private final ProxySessionCache cache = new ProxySessionCache(definitions, nanos::get);
    private final AtomicInteger loads = new AtomicInteger();

    private ProxySessionCache.Loader loaderFor(long user, long expiresMillis) {
        return (previous, generation) -> {
            loads.incrementAndGet();
            return cache.entry(user, expiresMillis, new Identity(user, true, null, new Header[0], "jwt-" + loads.get(),
                    Instant.now().plusSeconds(3600)), generation);
        };
    }

    private static long inAnHour() {
        return System.currentTimeMillis() + 3_600_000;
    }

    @Test
    void aFreshEntryIsAnsweredWithoutLoadingUntilTheTtlThenReloaded() {
        ProxySessionCache.Key key = new ProxySessionCache.Key(1, "a");
        cache.get(key, loaderFor(7, inAnHour()));
        for (int i = 0; i < 100; i++) {
            assertThat(cache.get(key, loaderFor(7, inAnHour())).identity().jwt()).isEqualTo("jwt-1");
        }
        assertThat(loads).hasValue(1);
        nanos.addAndGet(ProxySessionCache.TTL.toNanos());
        assertThat(cache.get(key, loaderFor(7, inAnHour())).identity().jwt()).isEqualTo("jwt-2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void aDefinitionChangeReloadsEveryEntryAtItsNextRequest() {
        ProxySessionCache.Key key = new ProxySessionCache.Key(1, "a");
        cache.get(key, loaderFor(7, inAnHour()));
        definitions.invalidate();
        cache.get(key, loaderFor(7, inAnHour()));
        cache.get(key, loaderFor(7, inAnHour()));
        assertThat(loads).hasValue(2);
    }

    @Test
    void invalidateUserDropsOnlyThatUsersSessionsAndAnExpiredOneIsNeverServed() {
        ProxySessionCache.Key alice = new ProxySessionCache.Key(1, "alice");
        ProxySessionCache.Key bob = new ProxySessionCache.Key(1, "bob");
        ProxySessionCache.Key gone = new ProxySessionCache.Key(1, "gone");
        cache.get(alice, loaderFor(7, inAnHour()));
        cache.get(bob, loaderFor(8, inAnHour()));
        cache.get(gone, loaderFor(9, System.currentTimeMillis() - 1));
        assertThat(loads).hasValue(3);
        cache.invalidateUser(7);
        cache.get(alice, loaderFor(7, inAnHour()));
        cache.get(bob, loaderFor(8, inAnHour()));
        assertThat(loads).as("alice reloaded, bob not").hasValue(4);
        assertThat(cache.get(gone, (p, g) -> null)).as("expired: back to the loader, which finds nothing").isNull();
        assertThat(cache.get(new ProxySessionCache.Key(2, "alice"), (p, g) -> null))
                .as("a key is bound to its provider").isNull();
    }

    @Test
    void aLoadOverlappingAnInvalidationIsAnsweredButNotKept() {
        ProxySessionCache.Key key = new ProxySessionCache.Key(1, "a");
        ProxySessionCache.Entry answered = cache.get(key, (previous, generation) -> {
            loads.incrementAndGet();
            cache.invalidateUser(7); // the user changed while this load read the old rows
            return cache.entry(7, inAnHour(), new Identity(7, true, null, new Header[0], "old", Instant.now()), generation);
        });
        assertThat(answered.identity().jwt()).isEqualTo("old");
        cache.get(key, loaderFor(7, inAnHour()));
        assertThat(loads).hasValue(2);
    }
}
