package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and started again under load: while it is away every request is answered fast with 503 (never
 * a 500, never a hang), {@code /-/health/ready/} says so, and the same server serves again once it is back.
 */
class DatabaseOutageTest {
    private static final List<String> PATHS = List.of("/api/v3/core/users/me/", "/-/health/ready/",
            "/if/flow/default-authentication-flow/", "/api/v3/flows/executor/default-authentication-flow/");

    @TempDir
    Path dir;

    private record Answer(String path, long startedNanos, int status, long millis) {
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    @Test
    void requestsFailFastWith503WhileTheDatabaseIsAwayAndTheServerRecoversWithoutARestart() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("pg");
        EmbeddedPostgres pg = postgres(data, port);
        try (TestServer server = TestServer.start(Map.of("postgresql.host", "127.0.0.1",
                "postgresql.port", String.valueOf(port), "postgresql.name", "postgres", "postgresql.user", "postgres",
                "postgresql.password", "postgres", "secret_key", "outage-secret"));
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> load = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String path = PATHS.get(i % PATHS.size());
                load.add(Thread.ofVirtual().start(() -> {
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = http.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                                            .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN)
                                            .timeout(Duration.ofSeconds(20)).build(),
                                    HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        answers.add(new Answer(path, t0, status, (System.nanoTime() - t0) / 1_000_000));
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
            dev.gatehouse.provider.ldap.LdapKit ldap = new dev.gatehouse.provider.ldap.LdapKit(server);
            ldap.provider("outage-ldap");
            ldap.user("olga", "olga-password-1");
            ldap.user("oscar", "oscar-password-1");
            long bound = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (ldap.bind("olga", "olga-password-1") != com.unboundid.ldap.sdk.ResultCode.SUCCESS) {
                assertThat(System.nanoTime()).as("the LDAP listener serves").isLessThan(bound);
                Thread.sleep(200);
            }
            long warm = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!PATHS.stream().allMatch(p -> answers.stream().filter(a -> a.path().equals(p)).count() >= 3)) {
                assertThat(System.nanoTime()).as("every path answered a few times").isLessThan(warm);
                Thread.sleep(100);
            }
            assertThat(answers).allMatch(a -> a.status() == 200, "all 200 before the outage");

            assertThat(server.get("/no/such/page", null).statusCode()).as("no route is still a 404").isEqualTo(404);
            long stopped = System.nanoTime();
            pg.close();
            Thread.sleep(4_000);
            assertThat(server.get("/-/health/ready/", null).statusCode()).as("readiness during the outage")
                    .isEqualTo(503);
            HttpResponse<String> api = server.get("/api/v3/core/users/me/", TestServer.ADMIN_TOKEN);
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Retry-After")).isPresent();
            assertThat(api.body()).contains("\"detail\"").doesNotContain("Exception", "at dev.");
            HttpResponse<String> page = server.get("/if/flow/default-authentication-flow/", null);
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.body()).doesNotContain("Exception", "at dev.");
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(server.base()
                            + "/application/o/token/")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=x&client_secret=y"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).isEqualTo(503);
            assertThat(token.body()).contains("\"error\":\"temporarily_unavailable\"");
            assertThat(ldap.bind("oscar", "oscar-password-1")).as("an LDAP bind during the outage")
                    .isEqualTo(com.unboundid.ldap.sdk.ResultCode.UNAVAILABLE);

            long restarted = System.nanoTime();
            pg = postgres(data, port);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (server.get("/api/v3/core/users/me/", TestServer.ADMIN_TOKEN).statusCode() != 200) {
                assertThat(System.nanoTime()).as("served again within 20 s of the restart").isLessThan(deadline);
                Thread.sleep(100);
            }
            Thread.sleep(1_000);
            long recovered = System.nanoTime();
            Thread.sleep(1_000);
            running.set(false);
            for (Thread t : load) {
                t.join(25_000);
            }
            assertThat(server.get("/-/health/ready/", null).statusCode()).isEqualTo(200);
            assertThat(ldap.bind("oscar", "oscar-password-1")).isEqualTo(com.unboundid.ldap.sdk.ResultCode.SUCCESS);

            List<Answer> all = List.copyOf(answers);
            assertThat(all).as("only 200 and 503, never a 500 or a dropped connection")
                    .allMatch(a -> a.status() == 200 || a.status() == 503);
            List<Answer> during = all.stream().filter(a -> a.startedNanos() > stopped + 2_000_000_000L
                    && a.startedNanos() < restarted).toList();
            assertThat(during).as("requests during the outage").hasSizeGreaterThan(20)
                    .allMatch(a -> a.status() == 503);
            long slow = during.stream().filter(a -> a.millis() > 1_000).count();
            assertThat(slow).as("fail fast: at most the one probe per second waits for the pool, %s", during)
                    .isLessThanOrEqualTo(3);
            assertThat(all.stream().filter(a -> a.startedNanos() > recovered))
                    .as("after the recovery").isNotEmpty().allMatch(a -> a.status() == 200);
        } finally {
            pg.close();
        }
    }
}
