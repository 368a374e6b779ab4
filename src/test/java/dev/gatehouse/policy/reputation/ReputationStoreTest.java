package dev.gatehouse.policy.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.housekeeping.Housekeeping;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reputation scores on H2 and PostgreSQL: the upsert, the bounds, concurrent changes, events and expiry. */
class ReputationStoreTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest
    @MethodSource(KINDS)
    void aChangeCreatesThenAddsToTheRowOfThePair(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            ReputationStore store = new ReputationStore(db.dsl());
            store.change("alice", "10.0.0.1", -1, T0);
            store.change("alice", "10.0.0.1", -1, T0.plusSeconds(5));
            store.change("alice", "10.0.0.2", 1, T0);
            store.change("bob", "10.0.0.1", -1, T0);

            Reputation r = store.of("alice", "10.0.0.1").orElseThrow();
            assertThat(r.score()).isEqualTo(-2);
            assertThat(r.updated()).isEqualTo(T0.plusSeconds(5));
            assertThat(r.expires()).isEqualTo(T0.plusSeconds(5).plus(ReputationStore.EXPIRY));
            assertThat(store.total("10.0.0.1", null)).as("the IP over all usernames").isEqualTo(-3);
            assertThat(store.total(null, "alice")).as("the username over all IPs").isEqualTo(-1);
            assertThat(store.total("10.0.0.1", "alice")).as("rows of either").isEqualTo(-2);
            assertThat(store.total(null, null)).isZero();
            assertThat(store.total("192.0.2.9", "nobody")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void theScoreStaysWithinItsBounds(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            ReputationStore store = new ReputationStore(db.dsl());
            for (int i = 0; i < ReputationStore.MAX + 5; i++) {
                store.change("up", "10.0.0.1", 1, T0);
            }
            store.change("down", "10.0.0.1", -1000, T0);
            store.change("down", "10.0.0.1", -1, T0);
            assertThat(store.of("up", "10.0.0.1").orElseThrow().score()).isEqualTo(ReputationStore.MAX);
            assertThat(store.of("down", "10.0.0.1").orElseThrow().score()).isEqualTo(ReputationStore.MIN);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void concurrentChangesOfOnePairAreAllCounted(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            int threads = 8;
            int each = 10;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Callable<Void>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    work.add(() -> {
                        for (int i = 0; i < each; i++) {
                            db.txRun(dsl -> new ReputationStore(dsl).change("carol", "10.0.0.7", -1, Instant.now()));
                        }
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(work)) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(new ReputationStore(db.dsl()).of("carol", "10.0.0.7").orElseThrow().score())
                    .isEqualTo(-threads * each);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void signInEventsMoveTheScoreOfTheirUsernameAndAddress(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User dave = new UserStore(db.dsl()).insert("dave", "", "", "!x", true, UserType.INTERNAL, "users", Map.of());
            db.txRun(dsl -> {
                EventLog.record(dsl, "login_failed", new Actor(null, "10.0.0.3"), Map.of("username", "dave"));
                EventLog.record(dsl, "login_failed", new Actor(null, "10.0.0.3"), Map.of("username", "dave"));
                EventLog.record(dsl, "login", new Actor(dave, "10.0.0.3"), Map.of());
                EventLog.record(dsl, "login", new Actor(dave, null), Map.of());
                EventLog.record(dsl, "logout", new Actor(dave, "10.0.0.3"), Map.of());
            });
            assertThat(new ReputationStore(db.dsl()).of("dave", "10.0.0.3").orElseThrow().score()).isEqualTo(-1);
            assertThat(new ReputationStore(db.dsl()).list(dev.gatehouse.store.PageRequest.all()).results())
                    .hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void housekeepingDeletesScoresPastTheirExpiry(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            ReputationStore store = new ReputationStore(db.dsl());
            store.change("old", "10.0.0.1", -1, T0);
            store.change("fresh", "10.0.0.1", -1, T0.plus(Duration.ofHours(12)));
            new Housekeeping(db, Duration.ofMinutes(10)).sweep(T0.plus(ReputationStore.EXPIRY).plusSeconds(1));
            assertThat(store.of("old", "10.0.0.1")).isEmpty();
            assertThat(store.of("fresh", "10.0.0.1")).isPresent();
        }
    }
}
