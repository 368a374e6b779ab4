package dev.gatehouse.provider.oauth2.grant;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.store.Database;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;

/** Records a {@code suspicious_request} event (a reused code or refresh token) with the client and user. */
public final class SuspiciousRequests {
    private final Database db;

    public SuspiciousRequests(Database db) {
        this.db = db;
    }

    public void record(TokenClient client, long userPk, String reason, Map<String, Object> extra) {
        db.txRun(dsl -> {
            Map<String, Object> ctx = new LinkedHashMap<>(extra);
            ctx.put("reason", reason);
            ctx.put("provider", Map.of("pk", client.provider().pk(), "name", client.provider().provider().name()));
            ctx.put("client_id", client.provider().clientId());
            EventLog.record(dsl, "suspicious_request", new Actor(new UserStore(dsl).byPk(userPk).orElse(null),
                    client.request().clientIp()), ctx);
        });
    }
}
