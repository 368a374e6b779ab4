package dev.gatehouse.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sweep runs once per interval in a whole cluster: three processes on one PostgreSQL take turns. */
class HousekeepingTurnsTest {
    private static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void threeProcessesAskingAtOnceSweepOnceAndAgainOnlyAfterTheInterval() throws Exception {
        String name = TestDatabases.newPostgresDatabase();
        List<Database> processes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Database db = TestDatabases.openPostgres(name);
                if (i == 0) {
                    db.migrate();
                }
                processes.add(db);
            }
            List<Housekeeping> sweepers = processes.stream().map(db -> new Housekeeping(db, INTERVAL)).toList();
            assertThat(racing(sweepers, T0)).as("at the first moment").isEqualTo(1);
            assertThat(racing(sweepers, T0.plusSeconds(30))).as("half a minute later").isZero();
            assertThat(racing(sweepers, T0.plus(INTERVAL.dividedBy(2)))).as("half an interval later").isZero();
            assertThat(racing(sweepers, T0.plus(INTERVAL))).as("an interval later").isEqualTo(1);
            assertThat(racing(sweepers, T0.plus(INTERVAL).plusSeconds(1))).isZero();
            assertThat(racing(sweepers, T0.plus(INTERVAL.multipliedBy(2)).minusSeconds(5)))
                    .as("a timer firing a little early still finds it due").isEqualTo(1);
        } finally {
            processes.forEach(Database::close);
        }
    }

    @Test
    void aSingleProcessOnTheEmbeddedDatabaseSweepsOncePerInterval() {
        try (Database db = TestDatabases.open("h2")) {
            Housekeeping h = new Housekeeping(db, INTERVAL);
            assertThat(h.sweepIfDue(T0)).isPresent();
            assertThat(h.sweepIfDue(T0.plusSeconds(60))).isEmpty();
            assertThat(h.sweepIfDue(T0.plus(INTERVAL))).isPresent();
        }
    }

    /** Every sweeper asks at the same moment from its own thread; how many swept. */
    private static int racing(List<Housekeeping> sweepers, Instant now) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger swept = new AtomicInteger();
        List<Thread> threads = sweepers.stream().map(h -> Thread.ofPlatform().start(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            if (h.sweepIfDue(now).isPresent()) {
                swept.incrementAndGet();
            }
        })).toList();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return swept.get();
    }
}
