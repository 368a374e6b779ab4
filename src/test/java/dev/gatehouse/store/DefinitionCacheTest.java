package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.testing.TestDatabases;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The definition cache: kept between reads, emptied by any write to a definition table, however it is made. */
class DefinitionCacheTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static Flow flow(String slug, String title) {
        return new Flow(UUID.randomUUID(), slug, slug, title, "authentication", "none", "message_continue",
                "stacked", "any", false, "", Instant.now());
    }

    private static Optional<Flow> cached(Database db, String slug) {
        return new FlowStore(db.dsl()).bySlugCached(slug);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void keepsReadsUntilADefinitionTableIsWritten(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            assertThat(cached(db, "cache-a")).as("an absent flow is remembered as absent").isEmpty();
            Flow f = flow("cache-a", "First");
            db.txRun(dsl -> new FlowStore(dsl).insert(f));
            Optional<Flow> first = cached(db, "cache-a");
            assertThat(first).map(Flow::title).contains("First");
            assertThat(cached(db, "cache-a").get()).as("kept between reads").isSameAs(first.get());

            db.txRun(dsl -> dev.gatehouse.core.EventLog.record(dsl, "login",
                    new dev.gatehouse.core.Actor(null, "127.0.0.1"), java.util.Map.of()));
            assertThat(cached(db, "cache-a").get()).as("other tables do not empty it").isSameAs(first.get());

            db.txRun(dsl -> new FlowStore(dsl).update(new Flow(f.pk(), f.slug(), f.name(), "Second",
                    f.designation(), f.authentication(), f.deniedAction(), f.layout(), f.policyEngineMode(),
                    f.compatibilityMode(), f.background(), f.created())));
            assertThat(cached(db, "cache-a")).map(Flow::title).contains("Second");

            db.dsl().execute("update flows_flow set title = 'Third' where slug = 'cache-a'");
            assertThat(cached(db, "cache-a")).as("plain SQL writes count too").map(Flow::title).contains("Third");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aReadDuringAWriteTransactionIsNotKeptPastItsCommit(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            Flow f = flow("cache-b", "Old");
            db.txRun(dsl -> new FlowStore(dsl).insert(f));
            db.txRun(dsl -> {
                dsl.execute("update flows_flow set title = 'New' where slug = 'cache-b'");
                // Another request reads while this transaction is open: it sees the committed (old) row.
                Optional<Flow> during = CompletableFuture.supplyAsync(() -> cached(db, "cache-b")).join();
                assertThat(during).map(Flow::title).contains("Old");
            });
            assertThat(cached(db, "cache-b")).map(Flow::title).contains("New");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void readsInATransactionAreKeptUnlessItWroteDefinitions(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Flow f = flow("cache-c", "Committed");
            db.txRun(dsl -> new FlowStore(dsl).insert(f));
            Flow inside = db.tx(dsl -> new FlowStore(dsl).bySlugCached("cache-c").orElseThrow());
            assertThat(cached(db, "cache-c").get()).as("a read in a reading transaction is kept").isSameAs(inside);

            db.txRun(dsl -> {
                dsl.execute("update flows_flow set title = 'Uncommitted' where slug = 'cache-c'");
                assertThat(new FlowStore(dsl).bySlugCached("cache-c")).map(Flow::title).contains("Uncommitted");
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException rolledBack) {
            assertThat(rolledBack).hasMessage("roll back");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aRolledBackWriteLeavesNoUncommittedRowsInTheCache(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Flow f = flow("cache-d", "Committed");
            db.txRun(dsl -> new FlowStore(dsl).insert(f));
            try {
                db.txRun(dsl -> {
                    dsl.execute("update flows_flow set title = 'Uncommitted' where slug = 'cache-d'");
                    new FlowStore(dsl).bySlugCached("cache-d");
                    throw new IllegalStateException("roll back");
                });
            } catch (IllegalStateException expected) {
                // rolled back
            }
            assertThat(cached(db, "cache-d")).map(Flow::title).contains("Committed");
        }
    }

    @Test
    void reloadsAfterTheTimeToLiveForChangesMadeByAnotherProcess() {
        AtomicLong clock = new AtomicLong();
        DefinitionCache cache = new DefinitionCache(clock::get);
        AtomicInteger loads = new AtomicInteger();
        cache.get("k", loads::incrementAndGet);
        clock.addAndGet(DefinitionCache.TTL_NANOS - 1);
        assertThat((int) cache.get("k", loads::incrementAndGet)).isEqualTo(1);
        clock.addAndGet(1);
        assertThat((int) cache.get("k", loads::incrementAndGet)).isEqualTo(2);
    }

    @Test
    void aLoadOverlappingAnInvalidationIsNotKept() {
        DefinitionCache cache = new DefinitionCache(() -> 0);
        AtomicInteger loads = new AtomicInteger();
        cache.get("k", () -> {
            cache.invalidate();
            return loads.incrementAndGet();
        });
        assertThat((int) cache.get("k", loads::incrementAndGet)).isEqualTo(2);
        assertThat((int) cache.get("k", loads::incrementAndGet)).isEqualTo(2);
    }
}
