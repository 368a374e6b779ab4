package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands run beside a running server, as the seed's {@code docker exec … ak create_recovery_key 1 admin}
 * does: on the embedded database (which only one process may open: the server shares it) and on PostgreSQL,
 * through the {@code ak} alias.
 */
class CommandsBesideServerIT {
    private static final String TOKEN = "beside-the-server-token-0123456789";

    @TempDir
    Path dir;

    @Test
    void everyCommandWorksWhileTheServerRunsOnTheEmbeddedDatabase() throws Exception {
        Map<String, String> env = GatehouseProcess.serverEnv(dir.resolve("data"));
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", TOKEN);
        besideTheServer(env);
        assertThat(dir.resolve("data/gatehouse.share")).as("removed when the server stops").doesNotExist();
        try (GatehouseProcess p = GatehouseProcess.runWith("bin/ak", dir, env, null, "create_admin_group", "bob")) {
            assertThat(p.exitCode()).as("the file itself once the server is gone: %s", p.stderr()).isZero();
        }
    }

    @Test
    void everyCommandWorksWhileTheServerRunsOnPostgres() throws Exception {
        Map<String, String> env = GatehouseProcess.serverEnv(dir.resolve("data"));
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", TOKEN);
        GatehouseProcess.onPostgres(env, TestDatabases.newPostgresDatabase(), "beside-the-server-secret-key");
        besideTheServer(env);
    }

    private void besideTheServer(Map<String, String> env) throws Exception {
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server");
             HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            server.awaitReady();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(server.httpBase()
                            + "/api/v3/core/users/")).header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"bob\", \"name\": \"Bob\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String bob = created.body().replaceAll("(?s).*\"pk\":\\s*(\\d+).*", "$1");

            try (GatehouseProcess p = GatehouseProcess.runWith("bin/ak", dir, env, null, "create_recovery_key", "1",
                    "akadmin")) {
                assertThat(p.exitCode()).as(p.stderr()).isZero();
                String url = p.stdout().strip();
                assertThat(url).startsWith(server.httpBase() + "/recovery/use-token/");
                HttpResponse<Void> used = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(used.statusCode()).as("the running server knows the key at once").isEqualTo(302);
                assertThat(used.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("gatehouse_session="));
            }
            try (GatehouseProcess p = GatehouseProcess.runWith("bin/ak", dir, env, null, "create_admin_group", "bob")) {
                assertThat(p.exitCode()).as(p.stderr()).isZero();
                assertThat(p.stdout()).contains("User \"bob\" is in the superuser group \"authentik Admins\".");
            }
            HttpResponse<String> user = http.send(HttpRequest.newBuilder(URI.create(server.httpBase()
                    + "/api/v3/core/users/" + bob + "/")).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(user.body()).contains("\"is_superuser\":true");
            try (GatehouseProcess p = GatehouseProcess.runWith("bin/ak", dir, env, null, "migrate")) {
                assertThat(p.exitCode()).as(p.stderr()).isZero();
                assertThat(p.stdout()).contains("Applied 0 migration(s); the schema is current.");
            }
            try (GatehouseProcess p = GatehouseProcess.runWith("bin/ak", dir, env, "s3cret\n", "hash_password")) {
                assertThat(p.exitCode()).as(p.stderr()).isZero();
                assertThat(p.stdout()).startsWith("$argon2id$");
            }
            try (GatehouseProcess p = GatehouseProcess.runWith("bin/ak", dir, env, null, "healthcheck")) {
                assertThat(p.exitCode()).as(p.stderr()).isZero();
            }
            try (GatehouseProcess p = GatehouseProcess.runWith("bin/ak", dir, env, null, "create_admin_group", "nobody")) {
                assertThat(p.exitCode()).isEqualTo(1);
                assertThat(p.stderr()).contains("no user named \"nobody\"");
            }
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(server.httpBase()
                    + "/-/health/ready/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as("the server is unharmed").isEqualTo(200);
            if (!env.containsKey("GATEHOUSE_POSTGRESQL__HOST")) {
                Path share = dir.resolve("data/gatehouse.share");
                assertThat(Files.getPosixFilePermissions(share)).extracting(Object::toString)
                        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            }
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
        }
    }
}
