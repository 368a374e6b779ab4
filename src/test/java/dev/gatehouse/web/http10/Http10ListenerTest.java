package dev.gatehouse.web.http10;

import static dev.gatehouse.api.ApiTestSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.0 on the real listeners (Helidon alone answers it 505): raw requests over a socket, then Debian's curl
 * with {@code --http1.0} over HTTP and HTTPS; HTTP/1.1 keep-alive beside it.
 */
class Http10ListenerTest {
    private static final String ME = "/api/v3/core/users/me/";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A response read from a socket up to the end of the connection. */
    record Response(String statusLine, Map<String, List<String>> headers, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        String header(String name) {
            List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            assertThat(values).as("header %s", name).hasSizeLessThanOrEqualTo(1);
            return values.isEmpty() ? null : values.getFirst();
        }

        static Response parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("a header section in\n%s", text).isPositive();
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            return new Response(lines[0], headers, text.substring(end + 4));
        }

        /** A complete HTTP/1.0-readable response: no chunking, the body exactly as long as announced, closed. */
        Response assertComplete() {
            assertThat(statusLine).matches("HTTP/1\\.[01] \\d{3} .*");
            assertThat(headers).doesNotContainKey("transfer-encoding");
            assertThat(header("Connection")).isEqualToIgnoringCase("close");
            assertThat(header("Content-Length")).as("Content-Length of\n%s", this).isNotNull();
            assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(Integer.parseInt(header("Content-Length")));
            return this;
        }
    }

    /** Writes the parts (pausing between them) and reads until the server closes; fails if it does not. */
    private static Response exchange(String... parts) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.gatehouse().httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    Thread.sleep(200);
                }
                out.write(parts[i].getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            try {
                byte[] all = socket.getInputStream().readAllBytes();
                return Response.parse(new String(all, StandardCharsets.UTF_8));
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server did not close the HTTP/1.0 connection after its response", e);
            }
        }
    }

    private static void assertLive(Response r) {
        r.assertComplete();
        assertThat(r.status()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("status").asString()).isEqualTo("ok");
    }

    @Test
    void getWithHost() throws Exception {
        assertLive(exchange("GET /-/health/live/ HTTP/1.0\r\nHost: gatehouse:9000\r\nUser-Agent: test\r\n\r\n"));
    }

    @Test
    void getWithoutHost() throws Exception {
        assertLive(exchange("GET /-/health/live/ HTTP/1.0\r\n\r\n"));
    }

    @Test
    void headersInPieces() throws Exception {
        assertLive(exchange("GET /-/health/live/ HTTP/1.0\r\n", "Host: gate", "house\r\n", "\r\n"));
    }

    @Test
    void http11RequestLineInPiecesIsStillServed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.gatehouse().httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            for (String part : List.of("GET /-/health/li", "ve/ HTTP/1", ".1\r\nHost: gatehouse\r\n\r\n")) {
                out.write(part.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(200);
            }
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void malformedRequestLinesStillGetHelidonsAnswer() throws Exception {
        assertThat(exchange("GET /-/health/live/ HTTP/2.0\r\n\r\n").status()).isEqualTo(400);
        assertThat(exchange("GET /-/health/live/ HTTP/1.1\r\n\r\n").status()).isEqualTo(400); // no Host
    }

    @Test
    void keepAliveAskedForIsNotGrantedAndAPipelinedRequestIsNotServed() throws Exception {
        Response r = exchange("GET /-/health/live/ HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                + "GET /-/health/ready/ HTTP/1.0\r\n\r\n");
        assertLive(r); // exactly one response (the body is the announced length), then the end of the connection
    }

    @Test
    void postWithBodyAndBearerToken() throws Exception {
        String body = "{\"name\":\"http10-group\"}";
        Response r = exchange("POST /api/v3/core/groups/ HTTP/1.0\r\nHost: gatehouse\r\n"
                + "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).assertComplete();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(JSON.readTree(r.body()).get("name").asString()).isEqualTo("http10-group");
        JsonNode listed = JSON.readTree(server.get("/api/v3/core/groups/?name=http10-group", TestServer.ADMIN_TOKEN).body());
        assertThat(listed.get("results")).hasSize(1);
    }

    @Test
    void expectContinueGetsNoInterimResponse() throws Exception {
        String body = "{\"name\":\"http10-expect\"}";
        Response r = exchange("POST /api/v3/core/groups/ HTTP/1.0\r\nHost: gatehouse\r\nExpect: 100-continue\r\n"
                + "Authorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).assertComplete();
        assertThat(r.status()).as(r.statusLine() + "\n" + r.body()).isEqualTo(201);
    }

    @Test
    void anInvalidHostIsRefusedAsOverHttp11() throws Exception {
        for (String host : List.of("bad host", "gatehouse:port", "a:1:2", "")) {
            Response r = exchange("GET /-/health/live/ HTTP/1.0\r\nHost: " + host + "\r\n\r\n");
            assertThat(r.status()).as("Host: %s", host).isEqualTo(400);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
        }
        Response two = exchange("GET /-/health/live/ HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n");
        assertThat(two.status()).isEqualTo(400);
        assertLive(exchange("GET /-/health/live/ HTTP/1.0\r\nHost: [::1]:9000\r\n\r\n"));
    }

    @Test
    void http11KeepAliveStillServesSeveralRequestsOnOneConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.gatehouse().httpPort())) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                socket.getOutputStream().write("GET /-/health/live/ HTTP/1.1\r\nHost: gatehouse\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String head = readHead(in);
                assertThat(head).startsWith("HTTP/1.1 200 ").containsIgnoringCase("connection: keep-alive");
                Response r = Response.parse(head + "\r\n\r\n");
                byte[] body = in.readNBytes(Integer.parseInt(r.header("Content-Length")));
                assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"ok\"");
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("connection open").isNotNegative();
            head.append((char) b);
        }
        return head.substring(0, head.length() - 4);
    }

    /** Runs curl with {@code --http1.0 -i} and returns the response it printed (status line, headers, body). */
    private static Response curl(String url, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "--http1.0", "-sS", "-i", "--max-time", "20"));
        command.addAll(List.of(args));
        command.add(url);
        Path err = Files.createTempFile("curl", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("curl %s: %s", command, Files.readString(err)).isZero();
            return Response.parse(new String(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    @Test
    void curlHttp10UsersMeWithBearerToken() throws Exception {
        Response r = curl(server.base() + ME, "-H", "Authorization: Bearer " + TestServer.ADMIN_TOKEN).assertComplete();
        assertThat(r.status()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("user").path("username").asString()).isEqualTo("akadmin");
        assertThat(curl(server.base() + ME).status()).isEqualTo(server.get(ME, null).statusCode()).isEqualTo(401);
    }

    @Test
    void curlHttp10OverHttps() throws Exception {
        Response r = curl("https://127.0.0.1:" + server.gatehouse().httpsPort() + ME, "-k",
                "-H", "Authorization: Bearer " + TestServer.ADMIN_TOKEN).assertComplete();
        assertThat(r.status()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("user").path("username").asString()).isEqualTo("akadmin");
    }

    @Test
    void curlHttp10RunsTheFlowExecutor() throws Exception {
        Path jar = Files.createTempFile("cookies", ".txt");
        try {
            String url = server.base() + FlowClient.executorPath(DefaultFlows.AUTHENTICATION, null);
            String[] cookies = {"-b", jar.toString(), "-c", jar.toString()};
            JsonNode identification = JSON.readTree(curl(url, cookies).assertComplete().body());
            assertThat(identification.get("component").asString()).isEqualTo(FlowClient.IDENTIFICATION);

            Response posted = curl(url, cookies[0], cookies[1], cookies[2], cookies[3],
                    "-H", "Content-Type: application/json", "--data-binary", JSON.writeValueAsString(
                            FlowClient.answerFor(identification, "akadmin", TestServer.ADMIN_PASSWORD)));
            assertThat(posted.status()).as(posted.body()).isEqualTo(302);
            assertThat(posted.header("Location")).contains("/api/v3/flows/executor/");

            JsonNode next = JSON.readTree(curl(url, cookies).assertComplete().body());
            assertThat(next.get("component").asString()).isIn(FlowClient.PASSWORD, FlowClient.REDIRECT);
        } finally {
            Files.deleteIfExists(jar);
        }
    }
}
