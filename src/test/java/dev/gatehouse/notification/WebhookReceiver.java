package dev.gatehouse.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * An HTTP server on loopback (the JDK's) that records every POST it gets and answers with the status {@code answer}
 * gives for the n-th request (from 1): a webhook receiver for the store tests.
 */
final class WebhookReceiver implements AutoCloseable {
    record Received(String body, Map<String, List<String>> headers, long atNanos) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final HttpServer server;

    WebhookReceiver(IntUnaryOperator answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = answer.applyAsInt(count.incrementAndGet());
            received.add(new Received(new String(body, StandardCharsets.UTF_8), Map.copyOf(exchange.getRequestHeaders()),
                    System.nanoTime()));
            byte[] reply = (status < 300 ? "ok" : "try later").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    int requests() {
        return count.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
