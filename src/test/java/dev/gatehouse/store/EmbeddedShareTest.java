package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running server's embedded database, shared with the commands: only through the key, only on loopback. */
class EmbeddedShareTest {
    @TempDir
    Path dir;

    private Database server() {
        Database db = Database.open(Database.h2FileUrl(dir), "gatehouse", "", SQLDialect.H2, 2, null, "k", "f");
        db.migrate();
        return db.shareWithCommands(dir);
    }

    @Test
    void aSecondOpenerGetsTheSharedDatabaseAndSeesTheServersWritesAtOnce() throws Exception {
        try (Database server = server()) {
            server.tx(dsl -> dsl.execute("CREATE TABLE shared_probe (v INT)"));
            server.tx(dsl -> dsl.execute("INSERT INTO shared_probe VALUES (7)"));
            String url = EmbeddedShare.url(dir, "MODE=PostgreSQL").orElseThrow();
            assertThat(url).startsWith("jdbc:h2:tcp://127.0.0.1:");
            try (Connection c = DriverManager.getConnection(url, "gatehouse", "")) {
                var rs = c.createStatement().executeQuery("SELECT v FROM shared_probe");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
                c.createStatement().execute("INSERT INTO shared_probe VALUES (8)");
            }
            assertThat(server.dsl().fetchValue("SELECT count(*) FROM shared_probe", Long.class)).isEqualTo(2L);
        }
        assertThat(dir.resolve(EmbeddedShare.FILE)).doesNotExist();
    }

    @Test
    void theAddressFileIsTheOwnersOnlyAndNoOtherNameOpensAnything() throws Exception {
        try (Database server = server()) {
            Path file = dir.resolve(EmbeddedShare.FILE);
            assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            String[] parts = Files.readString(file).strip().split(" ");
            int port = Integer.parseInt(parts[0]);
            Files.createFile(dir.resolve("other.mv.db"));
            for (String name : List.of(dir.resolve("gatehouse").toString(), "owneronly:" + dir.resolve("gatehouse"),
                    dir.resolve("other").toString(), "mem:x", parts[1].substring(1))) {
                assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/" + name,
                        "gatehouse", "").close()).as(name).isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void theSocketListensOnLoopbackOnly() throws Exception {
        try (Database server = server()) {
            int port = Integer.parseInt(Files.readString(dir.resolve(EmbeddedShare.FILE)).split(" ")[0]);
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address.isLoopbackAddress()) {
                        continue;
                    }
                    assertThatThrownBy(() -> new Socket(address, port).close()).as(address.toString())
                            .isInstanceOf(java.io.IOException.class);
                }
            }
        }
    }

    @Test
    void aStaleAddressFileIsIgnored() throws Exception {
        Files.writeString(dir.resolve(EmbeddedShare.FILE), "1 " + "ab".repeat(32) + "\n");
        var config = dev.gatehouse.config.GatehouseConfig.from(dev.gatehouse.config.ConfigSource.load(
                java.util.Map.of("GATEHOUSE_DATA_DIR", dir.toString()), null));
        try (Database db = Database.open(config, null)) {
            assertThat(db.dsl().fetchValue("SELECT 1", Integer.class)).isEqualTo(1);
        }
    }
}
