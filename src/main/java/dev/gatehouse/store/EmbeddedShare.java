package dev.gatehouse.store;

import dev.gatehouse.config.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import org.h2.tools.Server;

/**
 * Lets the {@code gatehouse} commands (and {@code ak}) use the embedded database while the server holds it. H2
 * allows one process to open a database file; the server therefore serves its open database to the others over
 * H2's TCP protocol, as H2's own {@code AUTO_SERVER} mode does, but:
 * <ul>
 * <li>on loopback only ({@code h2.bindAddress}, and H2 refuses connections from other hosts without
 * {@code -tcpAllowOthers});</li>
 * <li>under a random 256-bit name ({@code -key}): the only database a client can open is that name, and the name
 * is written, with the port, to {@value #FILE} in the data directory, mode 0600, so only the owner of the data
 * directory can connect;</li>
 * <li>only the server shares: a command never becomes the host other processes depend on.</li>
 * </ul>
 * The file is deleted when the server closes the database; a stale file left by a crash is harmless, because the
 * database is then not locked and a command opens it directly.
 */
final class EmbeddedShare implements AutoCloseable {
    static final String FILE = "gatehouse.share";

    private final Server server;
    private final Path file;

    private EmbeddedShare(Server server, Path file) {
        this.server = server;
        this.file = file;
    }

    /**
     * Starts sharing the open database {@code databaseName} (H2's name for it: the URL without {@code jdbc:h2:}
     * and settings) and writes the address file into {@code dir}.
     */
    static EmbeddedShare start(Path dir, String databaseName) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String key = HexFormat.of().formatHex(random);
        Server server;
        try {
            server = Server.createTcpServer("-tcpPort", "0", "-tcpDaemon", "-ifExists", "-key", key, databaseName)
                    .start();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot share the embedded database with the commands: " + e.getMessage(), e);
        }
        Path file = dir.resolve(FILE);
        try {
            PrivateFiles.create(file);
            Files.writeString(file, server.getPort() + " " + key + "\n", StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            server.stop();
            throw new IllegalStateException("cannot write " + file, e);
        }
        return new EmbeddedShare(server, file);
    }

    /** The TCP URL of the database the server in {@code dir} shares, when its address file is there. */
    static Optional<String> url(Path dir, String options) {
        Path file = dir.resolve(FILE);
        try {
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
            if (parts.length != 2 || !parts[0].matches("\\d{1,5}") || !parts[1].matches("[0-9a-f]{64}")) {
                return Optional.empty();
            }
            return Optional.of("jdbc:h2:tcp://127.0.0.1:" + parts[0] + "/" + parts[1] + ";" + options);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        server.stop();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // harmless: see the class comment
        }
    }
}
