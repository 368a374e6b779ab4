package dev.gatehouse.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.gatehouse.config.ConfigException;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.PostgresSettings;
import dev.gatehouse.config.PrivateFiles;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The one SQL database: embedded H2 (PostgreSQL mode) in the data directory, or PostgreSQL.
 * A HikariCP pool, Flyway migrations and a jOOQ {@link DSLContext}; every write goes through {@link #tx}.
 */
public final class Database implements AutoCloseable {
    /** The connection a request holds, when it asked for one ({@link #withConnection}). */
    private final ScopedValue<DSLContext> held = ScopedValue.newInstance();
    /** Bound while {@link #tx} runs its outermost transaction on this thread. */
    private final ScopedValue<Boolean> inTx = ScopedValue.newInstance();
    private final HikariDataSource dataSource;
    private final DatabaseAvailability availability = new DatabaseAvailability();
    /** The pool behind {@link #availability}: what every store and request borrows from. */
    private final GuardedDataSource guarded;
    private final DSLContext dsl;
    private final Settings settings;
    private final SQLDialect dialect;
    private final ChangeFeed changes;
    private final DefinitionCache definitions;
    private final UserCaches userCaches = new UserCaches();
    private final org.jooq.Configuration configuration;
    private volatile boolean migrated;
    /** Present for the embedded file database: see {@link #tx}. */
    private final FileSync fileSync;
    /** Set while the server shares the embedded database with the commands. */
    private volatile EmbeddedShare share;

    private Database(HikariDataSource dataSource, SQLDialect dialect) {
        this.dataSource = dataSource;
        this.fileSync = dataSource.getJdbcUrl().startsWith(H2_FILE) ? new FileSync() : null;
        this.dialect = dialect;
        this.settings = new Settings().withExecuteLogging(false).withRenderSchema(false);
        boolean postgres = dialect.family() == SQLDialect.POSTGRES;
        this.changes = new ChangeFeed(postgres ? this::dsl : null);
        this.definitions = new DefinitionCache(changes);
        this.guarded = new GuardedDataSource(dataSource, availability);
        org.jooq.ExecuteListener outages = new org.jooq.ExecuteListener() {
            @Override
            public void exception(org.jooq.ExecuteContext ctx) {
                if (ctx.sqlException() != null) {
                    availability.failed(ctx.sqlException());
                }
            }
        };
        this.configuration = new org.jooq.impl.DefaultConfiguration().set(guarded).set(dialect).set(settings)
                .set(new org.jooq.impl.DefaultExecuteListenerProvider(definitions),
                        new org.jooq.impl.DefaultExecuteListenerProvider(QueryCounter.INSTANCE),
                        new org.jooq.impl.DefaultExecuteListenerProvider(outages));
        this.configuration.data(ChangeFeed.class, changes);
        // Per-user caches (browser and forward-auth sessions, header-auth results) follow user changes made by
        // any process; a reconnect's "everything" is left to their short TTLs.
        changes.subscribe(ChangeFeed.USER, pk -> {
            if (pk.chars().allMatch(Character::isDigit) && !pk.isEmpty()) {
                userCaches.invalidate(Long.parseLong(pk));
            }
        });
        this.dsl = DSL.using(configuration);
        if (postgres) {
            changes.listenWith(new ChangeListener(this::listenerConnection, changes));
        }
    }

    /** Which rows changed, here and in the other processes sharing the database (their caches subscribe). */
    public ChangeFeed changes() {
        return changes;
    }

    /** A connection of its own (outside the pool) for {@link ChangeListener}: it is held for as long as it lasts. */
    private Connection listenerConnection() throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", dataSource.getUsername());
        props.setProperty("password", dataSource.getPassword() == null ? "" : dataSource.getPassword());
        props.setProperty("ApplicationName", "gatehouse-changes");
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("connectTimeout", "5");
        return java.sql.DriverManager.getConnection(dataSource.getJdbcUrl(), props);
    }

    /**
     * Gives the stores SECRET_KEY for the secrets they seal at rest ({@link ClientSecrets}); called once, right
     * after {@link #open}, before any transaction.
     */
    public Database sealSecretsWith(String secretKey) {
        configuration.data(ClientSecrets.class, new ClientSecrets(secretKey));
        return this;
    }

    /** Flows, stages, policies, bindings and brands as last read, emptied by any write to them. */
    public DefinitionCache definitions() {
        return definitions;
    }

    /** The caches of per-user state and their one invalidation entry point. */
    public UserCaches userCaches() {
        return userCaches;
    }

    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        // read once by H2 when its network classes load: the socket of EmbeddedShare binds loopback only
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /** Opens the database the configuration names; an unreachable one is a {@link ConfigException}. */
    public static Database open(GatehouseConfig config, MeterRegistry metrics) {
        if (config.postgres().isPresent()) {
            PostgresSettings pg = config.postgres().get();
            return open(pg.jdbcUrl(), pg.user(), pg.password(), SQLDialect.POSTGRES, 10, metrics,
                    "GATEHOUSE_POSTGRESQL__HOST", "cannot connect to PostgreSQL at " + pg.host() + ":" + pg.port()
                            + "/" + pg.name());
        }
        Path dir = config.dataDir();
        try {
            PrivateFiles.directory(dir);
            try (java.util.stream.Stream<Path> existing = Files.list(dir)) {
                for (Path f : existing.filter(f -> f.getFileName().toString().startsWith("gatehouse.")).toList()) {
                    PrivateFiles.narrow(f);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            throw new ConfigException("GATEHOUSE_DATA_DIR", "cannot create data directory " + dir);
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigException("GATEHOUSE_DATA_DIR", "data directory " + dir + " is not writable");
        }
        return openEmbedded(dir, metrics);
    }

    /** How long a command waits for another command that holds the embedded database (the server shares it). */
    private static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(15);

    /**
     * Opens the database a running server shares ({@link EmbeddedShare}), else the embedded database file; while
     * another process holds the file without sharing it (another command, a server still starting), waits for it.
     */
    private static Database openEmbedded(Path dir, MeterRegistry metrics) {
        String failure = "cannot open the embedded database in " + dir;
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            java.util.Optional<String> shared = EmbeddedShare.url(dir, H2_OPTIONS);
            if (shared.isPresent()) {
                try {
                    return connect(shared.get(), "gatehouse", "", SQLDialect.H2, 2, metrics);
                } catch (HikariPool.PoolInitializationException e) {
                    // no server answers (it stopped, or crashed and left the file): open the file
                }
            }
            try {
                return connect(h2FileUrl(dir), "gatehouse", "", SQLDialect.H2, 10, metrics);
            } catch (HikariPool.PoolInitializationException e) {
                if (!locked(e)) {
                    throw new ConfigException("GATEHOUSE_DATA_DIR", failure + ": " + rootMessage(e));
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new ConfigException("GATEHOUSE_DATA_DIR", failure + ": another process holds it");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ConfigException("GATEHOUSE_DATA_DIR", failure + ": interrupted");
            }
        }
    }

    /** H2's "The file is locked" (90020, DATABASE_ALREADY_OPEN): another process has the database open. */
    private static boolean locked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return true;
            }
        }
        return false;
    }

    /**
     * Serves the embedded database to the {@code gatehouse} commands run beside this process ({@link EmbeddedShare});
     * nothing for PostgreSQL, which serves them itself. Called by the server once it has opened the database.
     */
    public Database shareWithCommands(Path dir) {
        if (fileSync != null && share == null) {
            share = EmbeddedShare.start(dir, h2FileUrl(dir).substring("jdbc:h2:".length()).split(";", 2)[0]);
        }
        return this;
    }

    /**
     * The embedded database's URL, on {@link OwnerOnlyFilePath}. {@code WRITE_DELAY=0}: H2 2.x otherwise commits in
     * memory and writes the changes to the file from a background thread about once a second, so a {@code kill -9}
     * lost what had been answered as done; with 0 each committing transaction writes its changes to the file before
     * its commit returns (and {@link FileSync} forces them to the disk).
     */
    public static String h2FileUrl(Path dir) {
        OwnerOnlyFilePath.register();
        // DB_CLOSE_ON_EXIT=FALSE: on SIGTERM, H2's own shutdown hook would close the database under the graceful
        // shutdown (in-flight requests and background workers still using it); close() closes it, last.
        return H2_FILE + dir.resolve("gatehouse").toAbsolutePath() + ";" + H2_OPTIONS
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The embedded database's files are created 0600 ({@link OwnerOnlyFilePath}). */
    private static final String H2_FILE = "jdbc:h2:" + OwnerOnlyFilePath.SCHEME + ":";

    public static String h2MemoryUrl(String name) {
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;" + H2_OPTIONS;
    }

    private static final String H2_OPTIONS = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=8192";

    public static Database open(String url, String user, String password, SQLDialect dialect, int poolSize,
                                MeterRegistry metrics, String configKey, String failure) {
        try {
            return connect(url, user, password, dialect, poolSize, metrics);
        } catch (HikariPool.PoolInitializationException e) {
            throw new ConfigException(configKey, failure + ": " + rootMessage(e));
        }
    }

    private static Database connect(String url, String user, String password, SQLDialect dialect, int poolSize,
                                    MeterRegistry metrics) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("gatehouse-db");
        hc.setJdbcUrl(url);
        hc.setUsername(user);
        hc.setPassword(password);
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(Math.min(2, poolSize));
        hc.setConnectionTimeout(5_000);
        hc.setInitializationFailTimeout(1);
        if (metrics != null) {
            hc.setMetricRegistry(metrics);
        }
        return new Database(new HikariDataSource(hc), dialect);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Applies pending migrations. Safe when several processes start at once on one PostgreSQL:
     * Flyway serialises them with an advisory lock and the later ones find nothing to do.
     */
    public int migrate() {
        int applied = flyway().migrate().migrationsExecuted;
        migrated = true;
        return applied;
    }

    /**
     * Start-up path: when every migration on the class path is already recorded as applied, nothing is
     * loaded from Flyway at all (it is the largest single cost of a warm start); otherwise {@link #migrate}.
     * {@code gatehouse migrate} always runs Flyway in full, including checksum validation.
     */
    public int migrateIfNeeded() {
        if (schemaCurrent()) {
            migrated = true;
            return 0;
        }
        return migrate();
    }

    boolean schemaCurrent() {
        java.util.Set<String> available = MigrationIndex.versions();
        if (available.isEmpty()) {
            return false;
        }
        try {
            java.util.Set<String> applied = new java.util.HashSet<>(dsl.fetch(
                    "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL")
                    .getValues(0, String.class));
            return applied.containsAll(available);
        } catch (org.jooq.exception.DataAccessException e) {
            return false;
        }
    }

    public boolean migrated() {
        return migrated;
    }

    /**
     * True when the database answers and the schema is current (readiness). During an outage it answers at once,
     * except for the one probe per second that may end it ({@link DatabaseAvailability}).
     */
    public boolean healthy() {
        if (!migrated) {
            return false;
        }
        try (Connection c = guarded.getConnection()) {
            boolean valid = c.isValid(2);
            if (!valid) {
                availability.failed(new java.sql.SQLTransientConnectionException("connection not valid", "08006"));
            }
            return valid;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether the database is away now, as the last borrow or statement saw it. */
    public DatabaseAvailability availability() {
        return availability;
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load();
    }

    /**
     * Runs the work in one transaction: all of it is written or, on any exception, none. Changes it
     * {@linkplain ChangeFeed#publish publishes} are notified inside it and reach this process's subscribers
     * after it ends. When it returns, the transaction is durable: PostgreSQL flushes its WAL at commit
     * ({@code synchronous_commit} left at its default, on), and the embedded database is forced to disk by
     * {@link FileSync} before the caller can answer success.
     * <p>While the work runs, {@link #dsl()} on this thread is the transaction's context, so what it calls reads
     * what it wrote, and a {@code tx} inside it joins it: a savepoint that its own exception rolls back, committed
     * only with the outermost transaction (a flow request runs as one, see {@code FlowRunner}). Threads the work
     * starts do not inherit the transaction: they must not write what it may have locked.
     */
    public <T> T tx(Function<DSLContext, T> work) {
        if (inTx.isBound()) {
            return changes.inTransaction(() -> definitions.inTransaction(() -> held.get().transactionResult(cfg ->
                    inside(cfg.dsl(), work))));
        }
        T result = changes.inTransaction(() -> definitions.inTransaction(() -> dsl().transactionResult(cfg ->
                ScopedValue.where(inTx, Boolean.TRUE).call(() -> inside(cfg.dsl(), work)))));
        if (fileSync != null) {
            fileSync.afterCommit(dsl());
        }
        return result;
    }

    /** The work of one transaction level, with {@link #dsl()} bound to it, and its NOTIFY before it ends. */
    private <T> T inside(DSLContext tx, Function<DSLContext, T> work) {
        T r = ScopedValue.where(held, tx).call(() -> work.apply(tx));
        changes.beforeCommit(tx);
        return r;
    }

    /** Whether this thread runs inside {@link #tx} of this database. */
    public boolean inTransaction() {
        return inTx.isBound();
    }

    public void txRun(java.util.function.Consumer<DSLContext> work) {
        tx(d -> {
            work.accept(d);
            return null;
        });
    }

    /**
     * The context for reads: inside {@link #tx} the transaction's, else the auto-committing connection this request
     * holds ({@link #withConnection}), else the pool (one borrow per statement).
     */
    public DSLContext dsl() {
        return held.isBound() ? held.get() : dsl;
    }

    /**
     * Runs {@code work} holding one pooled connection for all of its statements and transactions, instead of
     * borrowing one per statement: a hot request (the token endpoint) then borrows once. Only for work on the
     * calling thread; threads it starts use the pool as before.
     */
    public <T, X extends Throwable> T withConnection(ScopedValue.CallableOp<T, X> work) throws X {
        if (held.isBound()) {
            return work.call();
        }
        try (Connection c = guarded.getConnection()) {
            return ScopedValue.where(held, DSL.using(configuration.derive(c))).call(work);
        } catch (SQLException e) {
            throw new org.jooq.exception.DataAccessException("cannot get a database connection", e);
        }
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return guarded;
    }

    @Override
    public void close() {
        if (share != null) {
            share.close();
        }
        changes.close();
        dataSource.close();
    }
}
