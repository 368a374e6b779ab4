package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestDatabases;
import java.util.HashSet;
import java.util.Set;
import org.jooq.SQLDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** withConnection: every statement and transaction of the work runs on one connection; outside it, the pool. */
class HeldConnectionTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static Object session(Database db) {
        String sql = db.dialect() == SQLDialect.POSTGRES ? "select pg_backend_pid()" : "select session_id()";
        return db.dsl().fetchValue(sql);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void workInsideWithConnectionSeesOneSessionAndItsTransactionsCommit(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Set<Object> inside = db.withConnection(() -> {
                Set<Object> seen = new HashSet<>();
                for (int i = 0; i < 5; i++) {
                    seen.add(session(db));
                    seen.add(db.tx(dsl -> session(db)));
                }
                db.txRun(dsl -> new SystemStateStore(dsl).putIfAbsent("held-connection", "yes"));
                return seen;
            });
            assertThat(inside).hasSize(1);
            assertThat(new SystemStateStore(db.dsl()).get("held-connection")).contains("yes");
            assertThat(db.withConnection(() -> db.withConnection(() -> session(db))))
                    .as("nested calls reuse the held connection").isNotNull();
        }
    }
}
