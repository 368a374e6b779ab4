package dev.gatehouse.web.http10;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's nginx in front of Gatehouse with nginx's defaults towards the upstream (HTTP/1.0, no
 * {@code proxy_http_version}), as authentik's forward-auth recipe leaves them: a plain proxied location and an
 * {@code auth_request} subrequest to the API. nginx runs in the foreground (one process) with its own prefix and
 * configuration in a temporary directory, and is stopped by its PID.
 */
class NginxHttp10IT {
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static TestServer server;
    private static Path prefix;
    private static Process nginx;
    private static int port;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        assertThat(NGINX).as("nginx (Debian package nginx)").isExecutable();
        server = TestServer.start();
        prefix = Files.createTempDirectory("gatehouse-nginx-");
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String upstream = "http://127.0.0.1:" + server.gatehouse().httpPort();
        String conf = """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass %3$s;
                        }
                        location /protected/ {
                            auth_request /outpost/auth;
                            root %1$s/html;
                        }
                        location = /outpost/auth {
                            internal;
                            proxy_pass %3$s/api/v3/core/users/me/;
                            proxy_pass_request_body off;
                            proxy_set_header Content-Length "";
                        }
                    }
                }
                """.formatted(prefix, port, upstream);
        Files.writeString(prefix.resolve("nginx.conf"), conf);
        // (a "return" would answer before auth_request runs; a static file is served after it)
        Files.createDirectories(prefix.resolve("html/protected"));
        Files.writeString(prefix.resolve("html/protected/page"), "allowed\n");
        nginx = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString(),
                "-e", prefix.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            assertThat(nginx.isAlive()).as("nginx exited\n%s", logs()).isTrue();
            try (Socket s = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException e) {
                assertThat(System.nanoTime()).as("nginx listening within 30 s\n%s", logs()).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (nginx != null) {
                nginx.destroy();
                if (!nginx.waitFor(15, TimeUnit.SECONDS)) {
                    nginx.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (prefix != null) {
                try (Stream<Path> files = Files.walk(prefix)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private static String logs() {
        try {
            StringBuilder out = new StringBuilder();
            for (String name : new String[] {"stdout.log", "error.log"}) {
                Path p = prefix.resolve(name);
                if (Files.isRegularFile(p)) {
                    out.append("--- ").append(name).append('\n').append(Files.readString(p));
                }
            }
            return out.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Test
    void aProxiedRequestIsAnswered() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(url("/-/health/live/")));
        assertThat(r.statusCode()).as("%s\n%s", r.body(), logs()).isEqualTo(200);
        assertThat(r.body()).contains("\"ok\"");
    }

    @Test
    void aProxiedPostWithABodyIsAnswered() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(url("/api/v3/core/groups/"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"behind-nginx\"}", StandardCharsets.UTF_8)));
        assertThat(r.statusCode()).as("%s\n%s", r.body(), logs()).isEqualTo(201);
        assertThat(r.body()).contains("\"behind-nginx\"");
    }

    @Test
    void authRequestSubrequestsGetGatehousesAnswer() throws Exception {
        HttpResponse<String> allowed = send(HttpRequest.newBuilder(url("/protected/page"))
                .header("Authorization", "Bearer " + TestServer.ADMIN_TOKEN));
        assertThat(allowed.statusCode()).as("%s\n%s", allowed.body(), logs()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("allowed\n");

        HttpResponse<String> refused = send(HttpRequest.newBuilder(url("/protected/page")));
        assertThat(refused.statusCode()).as("%s\n%s", refused.body(), logs()).isEqualTo(401);
        assertThat(logs()).doesNotContain("unexpected status");
    }
}
