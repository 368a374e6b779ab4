package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tx inside a running tx joins it: reads through {@link Database#dsl} see what it wrote, a nested tx is a savepoint
 * (its own failure undoes only its work), and nothing is committed before the outermost transaction is.
 */
class NestedTransactionTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static Object session(Database db) {
        String sql = db.dialect() == SQLDialect.POSTGRES ? "select pg_backend_pid()" : "select session_id()";
        return db.dsl().fetchValue(sql);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void nestedTxJoinsTheOuterOneAndAFailedNestedTxUndoesOnlyItsOwnWork(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            List<Object> sessions = new ArrayList<>();
            db.txRun(outer -> {
                sessions.add(session(db));
                new SystemStateStore(outer).putIfAbsent("outer", "1");
                assertThat(new SystemStateStore(db.dsl()).get("outer")).as("dsl() reads the transaction").contains("1");
                db.txRun(inner -> {
                    sessions.add(session(db));
                    new SystemStateStore(db.dsl()).putIfAbsent("inner-kept", "1");
                });
                assertThatThrownBy(() -> db.txRun(inner -> {
                    new SystemStateStore(inner).putIfAbsent("inner-undone", "1");
                    throw new IllegalStateException("nested failure");
                })).hasMessage("nested failure");
                assertThat(new SystemStateStore(db.dsl()).get("inner-undone")).isEmpty();
                assertThat(new SystemStateStore(db.dsl()).get("inner-kept")).contains("1");
                assertThat(db.withConnection(() -> session(db))).isEqualTo(sessions.getFirst());
                assertThat(db.inTransaction()).isTrue();
            });
            assertThat(sessions).hasSize(2).containsOnly(sessions.getFirst());
            assertThat(db.inTransaction()).isFalse();
            assertThat(new SystemStateStore(db.dsl()).get("outer")).contains("1");
            assertThat(new SystemStateStore(db.dsl()).get("inner-kept")).contains("1");
            assertThat(new SystemStateStore(db.dsl()).get("inner-undone")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void whenTheOuterTxFailsWhatNestedTxsCommittedIsUndoneToo(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            assertThatThrownBy(() -> db.txRun(outer -> {
                db.txRun(inner -> new SystemStateStore(inner).putIfAbsent("nested", "1"));
                new SystemStateStore(db.dsl()).putIfAbsent("outer", "1");
                throw new IllegalStateException("outer failure");
            })).hasMessage("outer failure");
            assertThat(new SystemStateStore(db.dsl()).get("nested")).isEmpty();
            assertThat(new SystemStateStore(db.dsl()).get("outer")).isEmpty();
        }
    }
}
