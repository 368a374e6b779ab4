package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.UserStore;
import dev.gatehouse.testing.TestDatabases;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/** Several processes may start at once on one PostgreSQL: migrations must then run exactly once. */
class ConcurrentMigrationTest {

    private static Database open(String name) {
        return Database.open(TestDatabases.postgresUrl(name), "postgres", "postgres", SQLDialect.POSTGRES, 4, null,
                "test", "cannot open PostgreSQL");
    }

    @Test
    void migrateWhenTwoInstancesStartAtOnceOnFreshPostgresThenBothSucceedAndEachVersionAppliedOnce() throws Exception {
        String name = TestDatabases.newPostgresDatabase();
        try (Database a = open(name); Database b = open(name)) {
            CountDownLatch ready = new CountDownLatch(2);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> fa = pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return a.migrate();
                });
                Future<Integer> fb = pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return b.migrate();
                });
                assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
                go.countDown();
                int appliedA = fa.get(120, TimeUnit.SECONDS);
                int appliedB = fb.get(120, TimeUnit.SECONDS);

                // together they applied every migration exactly once
                int versions = a.dsl().fetchCount(a.dsl().selectFrom("flyway_schema_history").where("version IS NOT NULL"));
                assertThat(appliedA + appliedB).isEqualTo(versions).isPositive();
            } finally {
                pool.shutdownNow();
            }

            List<String> versions = a.dsl()
                    .fetch("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL AND success ORDER BY installed_rank")
                    .getValues(0, String.class);
            assertThat(versions).isNotEmpty().doesNotHaveDuplicates().contains("1");
            assertThat(((Number) a.dsl().fetchValue("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success"))
                    .longValue()).isZero();
            assertThat(a.dsl().fetch("SELECT version FROM flyway_schema_history WHERE version IS NOT NULL "
                            + "GROUP BY version HAVING COUNT(*) <> 1")).isEmpty();
            assertThat(a.healthy()).isTrue();
            assertThat(b.healthy()).isTrue();
            assertThat(a.migrate()).isZero();
            assertThat(b.migrate()).isZero();
            // the schema is usable from both
            new UserStore(b.dsl()).insert("alice", "", "", "!x", true, dev.gatehouse.core.UserType.INTERNAL, "users",
                    java.util.Map.of());
            assertThat(new UserStore(a.dsl()).byUsername("alice")).isPresent();
        }
    }
}
