package dev.gatehouse.provider.proxy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application behind the reverse proxy in the forward-auth tests: a JDK HTTP server on a free loopback port
 * that answers every request with 200 and, as JSON, what reached it (method, request URI, the headers by lower-case
 * name with every value in order, and the body), and keeps the same record of each request so that a test can
 * tell whether a refused request got through at all.
 */
final class EchoUpstream implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as the upstream saw it. */
    record Seen(String method, String uri, Map<String, List<String>> headers, String body) {
        /** Every value of a header (any case of its name); empty when it did not arrive. */
        List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        /** The header's only value; fails when it is missing or repeated. */
        String single(String name) {
            List<String> values = header(name);
            if (values.size() != 1) {
                throw new AssertionError("expected one " + name + " header at the upstream, got " + values + " in " + this);
            }
            return values.getFirst();
        }

        /** What the echo answered for this request, read back. */
        static Seen parse(String json) {
            JsonNode n = JSON.readTree(json);
            Map<String, List<String>> headers = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : n.get("headers").properties()) {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asString()));
                headers.put(e.getKey(), List.copyOf(values));
            }
            return new Seen(n.get("method").asString(), n.get("uri").asString(), headers, n.get("body").asString());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private EchoUpstream(HttpServer server) {
        this.server = server;
    }

    /** Binds a free port on 127.0.0.1 and starts answering. */
    static EchoUpstream start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        EchoUpstream echo = new EchoUpstream(server);
        server.createContext("/", echo::answer);
        server.setExecutor(echo.executor);
        server.start();
        return echo;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:<port>}, as a reverse proxy's upstream address. */
    String address() {
        return "127.0.0.1:" + port();
    }

    /** The requests that reached the upstream so far, oldest first. */
    List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** Forgets the requests seen so far. */
    void forget() {
        seen.clear();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(headers), body);
            seen.add(request);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("method", request.method());
            json.put("uri", request.uri());
            json.put("headers", new TreeMap<>(headers));
            json.put("body", body);
            byte[] out = JSON.writeValueAsBytes(json);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
