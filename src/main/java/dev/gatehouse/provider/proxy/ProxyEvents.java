package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The events forward auth records: {@code configuration_error} when a reverse proxy does not send the original
 * URL or a sign-in cannot work as configured, {@code suspicious_request} when a client sends identity headers of its own. Each kind is recorded at most
 * once per {@link #INTERVAL_MILLIS} per adapter (or application) (a misconfigured proxy fails every request: the log should say
 * so once, not fill up); every occurrence is logged. Contexts carry header names, never values (cookies).
 */
final class ProxyEvents {
    static final long INTERVAL_MILLIS = 60_000;
    private static final Logger LOG = Logger.getLogger(ProxyEvents.class.getName());
    private final Database db;
    private final Map<String, Long> lastRecorded = new ConcurrentHashMap<>();

    ProxyEvents(Database db) {
        this.db = db;
    }

    void misconfigured(String adapter, String message, String path, List<String> headerNames, String clientIp) {
        LOG.warning(() -> "forward auth (" + adapter + "): " + message);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", message);
        ctx.put("adapter", adapter);
        ctx.put("path", path);
        ctx.put("headers", headerNames);
        record("configuration_error", adapter, ctx, clientIp);
    }

    /** A sign-in that cannot work as configured ({@link ProxyRoute#signInConfigurationError}). */
    void signInMisconfigured(ProxyRoute route, String message, String clientIp) {
        LOG.warning(() -> "proxy sign-in (" + route.application().slug() + "): " + message);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", message);
        ctx.put("application", route.application().slug());
        ctx.put("provider", route.provider().name());
        ctx.put("outpost", route.outpost().name());
        record("configuration_error", "sign-in:" + route.application().slug(), ctx, clientIp);
    }

    void forged(String adapter, String host, List<String> names, String clientIp) {
        LOG.warning(() -> "forward auth (" + adapter + "): client sent " + names + " for " + host);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", "The client sent identity headers of its own; the request was refused.");
        ctx.put("adapter", adapter);
        ctx.put("host", host);
        ctx.put("headers", names);
        record("suspicious_request", adapter, ctx, clientIp);
    }

    private void record(String action, String adapter, Map<String, Object> ctx, String clientIp) {
        long now = System.currentTimeMillis();
        String key = action + "|" + adapter;
        Long last = lastRecorded.get(key);
        if (last != null && now - last < INTERVAL_MILLIS || !swap(key, last, now)) {
            return;
        }
        db.txRun(dsl -> EventLog.record(dsl, action, new Actor(null, clientIp), ctx));
    }

    private boolean swap(String key, Long last, long now) {
        return last == null ? lastRecorded.putIfAbsent(key, now) == null : lastRecorded.replace(key, last, now);
    }
}
