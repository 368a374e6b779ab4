package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes started at the same moment against one fresh PostgreSQL database. */
class PostgresConcurrencyIT {
    @TempDir
    Path dir;

    private static Map<String, String> pgEnv(Path data, String database) {
        Map<String, String> env = GatehouseProcess.serverEnv(data);
        GatehouseProcess.onPostgres(env, database, "it-shared-secret-key-for-the-cluster");
        return env;
    }

    @Test
    void twoMigrateProcessesAtOnceBothSucceedAndEachVersionIsAppliedOnce() throws Exception {
        String db = TestDatabases.newPostgresDatabase();
        try (GatehouseProcess a = GatehouseProcess.start(dir.resolve("a"), pgEnv(dir.resolve("a/data"), db), "migrate");
             GatehouseProcess b = GatehouseProcess.start(dir.resolve("b"), pgEnv(dir.resolve("b/data"), db), "migrate")) {
            assertThat(a.awaitExit(Duration.ofSeconds(90))).as(a.stderr()).isZero();
            assertThat(b.awaitExit(Duration.ofSeconds(90))).as(b.stderr()).isZero();
            assertThat(a.stdout() + b.stdout()).contains("Applied 0 migration");
        }
        Map<String, Integer> perVersion = new LinkedHashMap<>();
        try (Connection c = connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, count(*) FROM flyway_schema_history "
                     + "WHERE version IS NOT NULL GROUP BY version")) {
            while (rs.next()) {
                perVersion.put(rs.getString(1), rs.getInt(2));
            }
        }
        assertThat(perVersion).isNotEmpty().containsKey("1");
        assertThat(perVersion.values()).allMatch(n -> n == 1);
    }

    @Test
    void twoServersAtOnceBothBecomeReadyWithExactlyOneAdmin() throws Exception {
        String db = TestDatabases.newPostgresDatabase();
        try (GatehouseProcess a = GatehouseProcess.start(dir.resolve("a"), pgEnv(dir.resolve("a/data"), db), "server");
             GatehouseProcess b = GatehouseProcess.start(dir.resolve("b"), pgEnv(dir.resolve("b/data"), db), "server")) {
            a.awaitReady();
            b.awaitReady();
            try (Connection c = connect(db); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT count(*) FROM core_user WHERE username = 'akadmin'")).isEqualTo(1);
                assertThat(count(s, "SELECT count(*) FROM core_group WHERE name = 'authentik Admins'")).isEqualTo(1);
                assertThat(count(s, "SELECT count(*) FROM flyway_schema_history WHERE version = '1'")).isEqualTo(1);
            }
            a.terminate();
            b.terminate();
            assertThat(a.awaitExit(Duration.ofSeconds(20))).isIn(0, 143);
            assertThat(b.awaitExit(Duration.ofSeconds(20))).isIn(0, 143);
        }
    }

    private static Connection connect(String db) throws Exception {
        return DriverManager.getConnection(TestDatabases.postgresUrl(db), "postgres", "postgres");
    }

    private static int count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
