package dev.gatehouse.config;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 §4: a fresh data directory is 0700 and everything in it (H2's store and trace files, the generated
 * secret key, the HTTPS key and certificate) is 0600, created so; nothing in it is readable by group or others.
 */
class DataDirectoryModesTest {
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    @TempDir
    Path tmp;

    @Test
    void aFreshDataDirectoryAndEveryFileInItAreTheOwnersOnly() throws IOException {
        Path data = tmp.resolve("fresh/nested/data");
        try (TestServer server = TestServer.start(Map.of("data_dir", data.toString()))) {
            createUser(server, "modes-user");
            expect(server.get("/api/v3/core/users/?username=modes-user", ADMIN), 200);
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(data)) {
            all = walk.toList();
        }
        assertThat(all.stream().map(p -> data.relativize(p).toString()))
                .contains("gatehouse.mv.db", "gatehouse.trace.db", "secret_key", "certs/https.key", "certs/https.crt");
        for (Path p : all) {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
            assertThat(PosixFilePermissions.toString(mode)).as(data.relativize(p).toString())
                    .isEqualTo(PosixFilePermissions.toString(Files.isDirectory(p) ? OWNER_DIR : OWNER_FILE));
        }
        assertThat(Files.getPosixFilePermissions(tmp.resolve("fresh")))
                .as("missing parents are created as the owner's too").isEqualTo(OWNER_DIR);
    }

    @Test
    void privateFilesCreateWithTheModeAndNeverReuseAnExistingFile() throws IOException {
        Path dir = PrivateFiles.directory(tmp.resolve("p"));
        Path secret = dir.resolve("secret");
        PrivateFiles.write(secret, "s3cret");
        assertThat(Files.getPosixFilePermissions(secret)).isEqualTo(OWNER_FILE);
        assertThat(Files.readString(secret)).isEqualTo("s3cret");
        // A file someone else placed there first is never written into (its mode could be anything).
        assertThatThrownBy(() -> PrivateFiles.write(secret, "other")).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(PrivateFiles.create(secret)).isFalse();
    }

    @Test
    void anExistingWiderDataDirectoryIsNarrowed() throws IOException {
        Path wide = Files.createDirectory(tmp.resolve("wide"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(wide, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateFiles.directory(wide);
        assertThat(Files.getPosixFilePermissions(wide)).isEqualTo(OWNER_DIR);
    }
}
