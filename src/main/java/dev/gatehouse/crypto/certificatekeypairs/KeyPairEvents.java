package dev.gatehouse.crypto.certificatekeypairs;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Audit events about pairs, shaped like authentik's: {@code model_*} with
 * {@code {"model": {"app": "authentik_crypto", "model_name": "certificatekeypair", "pk", "name"}}}, and
 * {@code secret_view} with {@code {"secret": {...}, "type": "certificate" | "private_key"}}. Never the key.
 */
final class KeyPairEvents {
    static final String APP = "authentik_crypto";
    static final String MODEL_NAME = "certificatekeypair";

    private KeyPairEvents() {
    }

    static void model(DSLContext dsl, String action, Actor actor, CertificateKeyPair p) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("model", ref(p));
        EventLog.record(dsl, action, actor, ctx);
    }

    static void secretView(DSLContext dsl, Actor actor, CertificateKeyPair p, String type) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("secret", ref(p));
        ctx.put("type", type);
        EventLog.record(dsl, "secret_view", actor, ctx);
    }

    private static Map<String, Object> ref(CertificateKeyPair p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", APP);
        m.put("model_name", MODEL_NAME);
        m.put("pk", p.pk().toString());
        m.put("name", p.name());
        return m;
    }
}
