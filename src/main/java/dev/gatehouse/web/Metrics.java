package dev.gatehouse.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Prometheus metrics at {@code /-/metrics/}: JVM, HTTP requests by route template and status
 * ({@code http_server_requests_seconds}), and the database pool (HikariCP registers its own meters).
 */
public final class Metrics implements AutoCloseable {
    private static final Logger ACCESS = Logger.getLogger("gatehouse.access");
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final java.util.concurrent.ConcurrentHashMap<TimerKey, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
    private JvmGcMetrics gc;

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** JVM meters are bound after start-up so they do not delay readiness. */
    public void bindJvm() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public void register(HttpRouting.Builder routing) {
        routing.addFilter((chain, req, res) -> {
            long start = System.nanoTime();
            try {
                chain.proceed();
            } finally {
                long nanos = System.nanoTime() - start;
                String route = req.context().get(RouteName.class).map(RouteName::value)
                        .orElse(res.status().code() == 404 ? "<unmatched>" : "<other>");
                String method = knownMethod(req.prologue().method().text());
                int status = res.status().code();
                timer(method, route, status).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
                if (ACCESS.isLoggable(Level.FINE)) {
                    ACCESS.fine(method + " " + req.path().path() + " " + status + " " + (nanos / 1_000_000) + "ms "
                            + req.remotePeer().host());
                }
            }
        });
        routing.get("/-/metrics/", (req, res) -> {
            req.context().register(new RouteName("/-/metrics/"));
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(registry.scrape());
        });
    }

    /**
     * The request timer of one method, route template and status, built once: building a meter id and looking it
     * up in the registry on every request cost more than the hot forward-auth check itself. Route names are
     * templates, so the map stays small.
     */
    private Timer timer(String method, String route, int status) {
        return timers.computeIfAbsent(new TimerKey(method, route, status), k -> Timer.builder("http.server.requests")
                .tag("method", k.method()).tag("route", k.route()).tag("status", Integer.toString(k.status()))
                .register(registry));
    }

    private static final java.util.Set<String> METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH",
            "DELETE", "OPTIONS", "TRACE", "CONNECT");

    /** Any other token a client sends is one tag value, so made-up methods cannot grow the registry. */
    private static String knownMethod(String method) {
        return METHODS.contains(method) ? method : "OTHER";
    }

    private record TimerKey(String method, String route, int status) {
    }

    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }
}
