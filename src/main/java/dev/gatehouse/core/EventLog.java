package dev.gatehouse.core;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Writes the audit log. Every model change calls {@link #modelCreated}, {@link #modelUpdated} or
 * {@link #modelDeleted} inside the transaction that makes the change, so the entry and the change
 * commit together. Contexts never carry secrets (keys, hashes, passwords). The installed
 * {@link EventContextProcessor} adds what it knows of the client IP (GeoIP {@code geo}, {@code asn}). Each
 * {@link EventHook} is told of the event in the same transaction.
 */
public final class EventLog {
    public static final Duration RETENTION = Duration.ofDays(365);
    public static final String MODEL_APP = "authentik_core";

    private EventLog() {
    }

    public static Event record(DSLContext dsl, String action, Actor actor, Map<String, Object> context) {
        Map<String, Object> user = new LinkedHashMap<>();
        if (actor.user() != null) {
            user.put("pk", actor.user().pk());
            user.put("username", actor.user().username());
            user.put("email", actor.user().email());
        }
        Map<String, Object> brand = new LinkedHashMap<>();
        new BrandStore(dsl).defaultBrandCached().ifPresent(b -> {
            brand.put("pk", b.pk().toString());
            brand.put("domain", b.domain());
        });
        EventContextProcessor processor = EventContextProcessor.installed();
        if (actor.clientIp() != null && processor != EventContextProcessor.NONE) {
            Map<String, Object> enriched = context == null ? new LinkedHashMap<>() : new LinkedHashMap<>(context);
            processor.enrich(actor.clientIp(), enriched);
            context = enriched;
        }
        Instant now = Instant.now();
        Event e = new Event(UUID.randomUUID(), action, user, "gatehouse.core", context, actor.clientIp(), brand,
                now, now.plus(RETENTION));
        new EventStore(dsl).insert(e);
        for (EventHook hook : EventHook.registered()) {
            hook.recorded(dsl, e);
        }
        return e;
    }

    private static Map<String, Object> model(String modelName, Object pk, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", MODEL_APP);
        m.put("model_name", modelName);
        m.put("pk", pk instanceof Number ? pk : String.valueOf(pk));
        m.put("name", name);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("model", m);
        return ctx;
    }

    public static void modelCreated(DSLContext dsl, Actor actor, String modelName, Object pk, String name) {
        record(dsl, "model_created", actor, model(modelName, pk, name));
    }

    public static void modelUpdated(DSLContext dsl, Actor actor, String modelName, Object pk, String name) {
        record(dsl, "model_updated", actor, model(modelName, pk, name));
    }

    public static void modelDeleted(DSLContext dsl, Actor actor, String modelName, Object pk, String name) {
        record(dsl, "model_deleted", actor, model(modelName, pk, name));
    }
}
