package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The short-lived commands: exit codes and output, run as real processes. */
class CliCommandsIT {
    @TempDir
    Path dir;

    private Map<String, String> env() {
        return GatehouseProcess.serverEnv(dir.resolve("data"));
    }

    @Test
    void hashPasswordPrintsArgon2idHashOfStdin() {
        try (GatehouseProcess p = GatehouseProcess.run(dir, env(), "correct horse\n", "hash_password")) {
            assertThat(p.exitCode()).as(p.stderr()).isZero();
            assertThat(p.stdout().strip()).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+");
        }
    }

    @Test
    void hashPasswordWithEmptyStdinExits1() {
        try (GatehouseProcess p = GatehouseProcess.run(dir, env(), "", "hash_password")) {
            assertThat(p.exitCode()).isEqualTo(1);
            assertThat(p.stdout()).doesNotContain("$argon2id$");
            assertThat(p.stderr()).contains("password");
        }
    }

    @Test
    void healthcheckWithoutServerExits1() {
        try (GatehouseProcess p = GatehouseProcess.run(dir, env(), null, "healthcheck")) {
            assertThat(p.exitCode()).isEqualTo(1);
            assertThat(p.stderr()).contains("unhealthy");
        }
    }

    @Test
    void unknownCommandPrintsUsageAndExits2() {
        try (GatehouseProcess p = GatehouseProcess.run(dir, env(), null, "no_such_command")) {
            assertThat(p.exitCode()).isEqualTo(2);
            assertThat(p.stderr()).contains("Usage: gatehouse").contains("no_such_command");
        }
    }

    @Test
    void missingArgumentPrintsUsageAndExits2() {
        try (GatehouseProcess p = GatehouseProcess.run(dir, env(), null, "create_admin_group")) {
            assertThat(p.exitCode()).isEqualTo(2);
            assertThat(p.stderr()).contains("Usage: gatehouse create_admin_group").contains("USERNAME");
        }
    }

    @Test
    void unknownOptionPrintsUsageAndExits2() {
        try (GatehouseProcess p = GatehouseProcess.run(dir, env(), null, "migrate", "--no-such-option")) {
            assertThat(p.exitCode()).isEqualTo(2);
            assertThat(p.stderr()).contains("Usage: gatehouse migrate");
        }
    }

    @Test
    void migrateAppliesOnceThenHasNothingToApplyAndUnknownAdminUserExits1() {
        Map<String, String> env = env();
        try (GatehouseProcess first = GatehouseProcess.run(dir, env, null, "migrate")) {
            assertThat(first.exitCode()).as(first.stderr()).isZero();
            assertThat(first.stdout()).containsPattern("Applied [1-9][0-9]* migration");
        }
        try (GatehouseProcess second = GatehouseProcess.run(dir, env, null, "migrate")) {
            assertThat(second.exitCode()).as(second.stderr()).isZero();
            assertThat(second.stdout()).contains("Applied 0 migration");
        }
        try (GatehouseProcess p = GatehouseProcess.run(dir, env, null, "create_admin_group", "nobody")) {
            assertThat(p.exitCode()).isEqualTo(1);
            assertThat(p.stderr()).contains("no user named \"nobody\"");
        }
    }
}
