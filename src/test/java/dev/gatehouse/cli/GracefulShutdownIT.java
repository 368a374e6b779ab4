package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM while a request body is still arriving: the request completes, then the process exits cleanly. */
class GracefulShutdownIT {
    private static final String TOKEN = "it-shutdown-token-0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    @TempDir
    Path dir;

    @Test
    void sigtermLetsTheInFlightRequestFinish() throws Exception {
        Map<String, String> env = GatehouseProcess.serverEnv(dir.resolve("data"));
        env.put("GATEHOUSE_BOOTSTRAP_TOKEN", TOKEN);
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server")) {
            server.awaitReady();
            byte[] body = "{\"username\":\"inflight-user\",\"name\":\"In Flight\"}".getBytes(StandardCharsets.UTF_8);
            int half = body.length / 2;
            try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
                socket.setSoTimeout(20_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v3/core/users/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, half);
                out.flush();
                GatehouseProcess.sleep(300);

                long signalled = System.nanoTime();
                server.terminate();
                server.awaitStderr("Shutting down");
                GatehouseProcess.sleep(500);
                assertThat(server.process().isAlive()).as("still finishing the request").isTrue();
                out.write(body, half, body.length - half);
                out.flush();

                Response r = Response.read(socket.getInputStream());
                assertThat(r.status).as(r.head + r.body).isEqualTo(201);
                assertThat(r.body).contains("\"username\":\"inflight-user\"");

                int code = server.awaitExit(Duration.ofSeconds(15));
                assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(10));
                assertThat(code).isIn(0, 143);
            }
            assertThat(server.stderr()).contains("Shutting down").contains("Gatehouse stopped")
                    .doesNotContainPattern("(?m)^\\s+at ");
        }
    }

    /** A minimal HTTP/1.1 response reader: status, headers, and exactly Content-Length body bytes. */
    record Response(int status, String head, String body) {
        static Response read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed inside the response head: " + head);
                }
                head.write(b);
                matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String h = head.toString(StandardCharsets.US_ASCII);
            int status = Integer.parseInt(h.substring(9, 12));
            int length = -1;
            for (String line : h.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            if (length < 0) {
                throw new IOException("no Content-Length in " + h);
            }
            byte[] body = in.readNBytes(length);
            if (body.length != length) {
                throw new IOException("body cut short: " + body.length + " of " + length + " bytes");
            }
            return new Response(status, h, new String(body, StandardCharsets.UTF_8));
        }
    }
}
