package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.policy.PolicyBindingStore;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The change feed: local delivery after the commit (H2 and PostgreSQL), and on PostgreSQL between two
 * {@link Database}s on one database, as two processes of a cluster are.
 */
class ChangeFeedTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final Duration SOON = Duration.ofSeconds(2);

    private static Flow flow(String slug, String title) {
        return new Flow(UUID.randomUUID(), slug, slug, title, "authentication", "none", "message_continue",
                "stacked", "any", false, "", Instant.now());
    }

    private static Optional<String> cachedTitle(Database db, String slug) {
        return new FlowStore(db.dsl()).bySlugCached(slug).map(Flow::title);
    }

    private static List<String> collect(Database db, String topic) {
        List<String> got = new CopyOnWriteArrayList<>();
        db.changes().subscribe(topic, got::add);
        return got;
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aChangePublishedInATransactionReachesSubscribersOnlyAfterTheCommit(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            List<String> got = collect(db, "test");
            db.txRun(dsl -> {
                ChangeFeed.of(dsl).publish("test", "1");
                ChangeFeed.of(dsl).publish("test", "1");
                assertThat(got).as("not before the commit").isEmpty();
            });
            assertThat(got).containsExactly("1");

            db.changes().publish("test", "2");
            assertThat(got).as("outside a transaction: at once").containsExactly("1", "2");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aRolledBackTransactionPublishesNothing(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            List<String> got = collect(db, "test");
            assertThatThrownBy(() -> db.txRun(dsl -> {
                ChangeFeed.of(dsl).publish("test", "rolled-back");
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");
            assertThat(got).isEmpty();

            db.txRun(dsl -> {
                ChangeFeed.of(dsl).publish("test", "outer");
                try {
                    db.txRun(inner -> {
                        ChangeFeed.of(inner).publish("test", "inner");
                        throw new IllegalStateException("roll back the inner one");
                    });
                } catch (IllegalStateException expected) {
                    // the outer transaction goes on
                }
            });
            assertThat(got).containsExactly("outer");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void writesToDefinitionTablesPublishDefinitionsOncePerTransaction(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            List<String> got = collect(db, ChangeFeed.DEFINITIONS);
            db.txRun(dsl -> {
                new FlowStore(dsl).insert(flow("feed-a", "A"));
                new FlowStore(dsl).insert(flow("feed-b", "B"));
            });
            assertThat(got).containsExactly(ChangeFeed.ALL);
            db.txRun(dsl -> new UserStore(dsl).insert("u", "u", "u@example.org", "!x", true, UserType.INTERNAL,
                    "users", Map.of()));
            assertThat(got).as("other tables are not definitions").hasSize(1);
        }
    }

    @Test
    void aFailingSubscriberDoesNotKeepTheChangeFromTheOthers() {
        try (Database db = TestDatabases.open("h2")) {
            db.changes().subscribe("test", key -> {
                throw new IllegalStateException("broken subscriber");
            });
            List<String> got = collect(db, "test");
            ChangeFeed.Subscription ended = db.changes().subscribe("test", got::add);
            ended.close();
            db.changes().publish("test", "k");
            assertThat(got).containsExactly("k");
        }
    }

    @Test
    void aContextWithoutADatabaseHasAFeedToNobodyAndLongPayloadsAreRefused() {
        ChangeFeed.of(DSL.using(SQLDialect.H2)).publish("test", "nobody hears this");
        try (Database db = TestDatabases.open("h2")) {
            assertThat(db.changes().listening()).as("one process: nothing to listen to").isTrue();
            assertThat(ChangeFeed.of(db.dsl())).isSameAs(db.changes());
            assertThat(db.withConnection(() -> ChangeFeed.of(db.dsl()))).as("on a held connection")
                    .isSameAs(db.changes());
            assertThatThrownBy(() -> db.changes().publish("test", "x".repeat(ChangeFeed.MAX_PAYLOAD)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> db.changes().publish("a:b", "x")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void onPostgresACommittedChangeReachesTheOtherProcessAndARolledBackOneNever() {
        String name = TestDatabases.newPostgresDatabase();
        try (Database a = TestDatabases.openPostgres(name); Database b = TestDatabases.openPostgres(name)) {
            a.migrate();
            Eventually.within(SOON, "b listens", b.changes()::listening);
            List<String> got = collect(b, "test");
            assertThatThrownBy(() -> a.txRun(dsl -> {
                ChangeFeed.of(dsl).publish("test", "rolled-back");
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");
            a.txRun(dsl -> ChangeFeed.of(dsl).publish("test", "committed"));
            a.changes().publish("test", "outside-a-transaction");

            Eventually.within(SOON, "b hears both", () -> got.contains("outside-a-transaction"));
            // PostgreSQL delivers notifications in commit order: the rolled-back one would have come first.
            assertThat(got).containsExactly("committed", "outside-a-transaction");
        }
    }

    @Test
    void onPostgresAUserChangedThroughOneProcessEmptiesTheOthersPerUserCaches() {
        String name = TestDatabases.newPostgresDatabase();
        try (Database a = TestDatabases.openPostgres(name); Database b = TestDatabases.openPostgres(name)) {
            a.migrate();
            Eventually.within(SOON, "b listens", b.changes()::listening);
            List<Long> evicted = new java.util.concurrent.CopyOnWriteArrayList<>();
            b.userCaches().register(evicted::add);
            a.txRun(dsl -> ChangeFeed.of(dsl).publish(ChangeFeed.USER, "42"));
            a.txRun(dsl -> ChangeFeed.of(dsl).publish(ChangeFeed.USER, ChangeFeed.ALL));
            a.txRun(dsl -> ChangeFeed.of(dsl).publish(ChangeFeed.USER, "7"));
            Eventually.within(SOON, "b's forward-auth and header-auth caches hear of both users", () -> evicted.size() == 2);
            assertThat(evicted).as("the reconnect marker is left to the caches' TTLs").containsExactly(42L, 7L);
        }
    }

    @Test
    void onPostgresAProcessSkipsItsOwnNotificationsAndTakesOnesWithoutAnOrigin() throws Exception {
        String name = TestDatabases.newPostgresDatabase();
        try (Database a = TestDatabases.openPostgres(name)) {
            List<String> got = collect(a, "test");
            a.txRun(dsl -> ChangeFeed.of(dsl).publish("test", "mine"));
            assertThat(got).as("delivered here after the commit").containsExactly("mine");
            try (Connection psql = DriverManager.getConnection(TestDatabases.postgresUrl(name), "postgres", "postgres");
                 Statement s = psql.createStatement()) {
                s.execute("NOTIFY gatehouse_changes, 'test:from-psql'");
                s.execute("NOTIFY gatehouse_changes, 'someone-else|test:from-another-process'");
                s.execute("NOTIFY gatehouse_changes, 'no topic'");
            }
            Eventually.within(SOON, "a hears the others", () -> got.contains("from-another-process"));
            // its own notification came first on the same connection, and was skipped
            assertThat(got).containsExactly("mine", "from-psql", "from-another-process");
        }
    }

    @Test
    void onPostgresAFlowOrBindingChangedThroughOneProcessIsSeenByTheOthersDefinitionCacheAtOnce() {
        String name = TestDatabases.newPostgresDatabase();
        try (Database a = TestDatabases.openPostgres(name); Database b = TestDatabases.openPostgres(name)) {
            a.migrate();
            Eventually.within(SOON, "b listens", b.changes()::listening);
            Flow f = flow("cluster", "First");
            a.txRun(dsl -> new FlowStore(dsl).insert(f));
            Eventually.within(SOON, "b sees the new flow", () -> cachedTitle(b, "cluster").isPresent());
            assertThat(cachedTitle(b, "cluster")).contains("First");

            a.txRun(dsl -> dsl.execute("update flows_flow set title = 'Second' where slug = 'cluster'"));
            // SOON is far below DefinitionCache.TTL_NANOS: only the change notification can empty b's cache in time
            Eventually.within(SOON, "b sees the update", () -> cachedTitle(b, "cluster").equals(Optional.of("Second")));

            a.dsl().execute("update flows_flow set title = 'Third' where slug = 'cluster'");
            Eventually.within(SOON, "b sees an auto-committed update",
                    () -> cachedTitle(b, "cluster").equals(Optional.of("Third")));

            User u = new UserStore(a.dsl()).insert("bound", "", "", "!x", true, UserType.INTERNAL, "users", Map.of());
            assertThat(new PolicyBindingStore(b.dsl()).ofTargetCached(f.pk())).isEmpty();
            a.txRun(dsl -> new PolicyBindingStore(dsl).insert(new PolicyBinding(UUID.randomUUID(), f.pk(),
                    PolicyBinding.TargetKind.FLOW, null, null, u.pk(), false, true, 0, 30, false)));
            Eventually.within(SOON, "b sees the new binding",
                    () -> new PolicyBindingStore(b.dsl()).ofTargetCached(f.pk()).size() == 1);
        }
    }

    @Test
    void onPostgresAKilledListeningConnectionReconnectsAndEverythingIsReloaded() throws Exception {
        String name = TestDatabases.newPostgresDatabase();
        try (Database a = TestDatabases.openPostgres(name); Database b = TestDatabases.openPostgres(name)) {
            a.migrate();
            Eventually.within(SOON, "b listens", b.changes()::listening);
            List<String> definitions = collect(b, ChangeFeed.DEFINITIONS);
            a.txRun(dsl -> new FlowStore(dsl).insert(flow("killed", "Before")));
            Eventually.within(SOON, "b heard of the insert", () -> !definitions.isEmpty());
            assertThat(cachedTitle(b, "killed")).contains("Before");
            List<String> got = collect(b, "test");
            try (Connection psql = DriverManager.getConnection(TestDatabases.postgresUrl(name), "postgres", "postgres");
                 Statement s = psql.createStatement()) {
                s.execute("update flows_flow set title = 'Behind its back' where slug = 'killed'");
                assertThat(cachedTitle(b, "killed")).as("no notification for a change outside Gatehouse")
                        .contains("Before");

                int pid = b.changes().listener().backendPid();
                s.execute("select pg_terminate_backend(" + pid + ")");

                Eventually.within(SOON, "b reconnects and tells every subscriber", () -> got.contains(ChangeFeed.ALL));
                assertThat(b.changes().listener().backendPid()).isNotIn(0, pid);
                assertThat(cachedTitle(b, "killed")).contains("Behind its back");
            }
            a.changes().publish("test", "after");
            Eventually.within(SOON, "b hears changes again", () -> got.contains("after"));
        }
    }
}
