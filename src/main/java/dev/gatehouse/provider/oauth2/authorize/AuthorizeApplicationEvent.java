package dev.gatehouse.provider.oauth2.authorize;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The {@code authorize_application} event a grant writes in its own transaction, with authentik's context: the
 * application as a model reference, the granted scopes and the flow that granted them.
 */
public final class AuthorizeApplicationEvent {
    private AuthorizeApplicationEvent() {
    }

    public static void record(DSLContext dsl, User user, String clientIp, Application application, String scopes, UUID flow) {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("app", EventLog.MODEL_APP);
        app.put("model_name", "application");
        app.put("pk", application.pk().toString());
        app.put("name", application.name());
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("authorized_application", app);
        ctx.put("scopes", scopes);
        ctx.put("flow", flow.toString());
        EventLog.record(dsl, "authorize_application", new Actor(user, clientIp), ctx);
    }
}
