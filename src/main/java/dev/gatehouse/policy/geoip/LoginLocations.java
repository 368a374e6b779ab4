package dev.gatehouse.policy.geoip;

import static dev.gatehouse.core.CoreTables.Events.ACTION;
import static dev.gatehouse.core.CoreTables.Events.CONTEXT;
import static dev.gatehouse.core.CoreTables.Events.CREATED;
import static dev.gatehouse.core.CoreTables.Events.T;
import static dev.gatehouse.core.CoreTables.Events.USER;
import static dev.gatehouse.core.CoreTables.Events.USERNAME;
import static dev.gatehouse.core.CoreTables.Events.UUID_;

import dev.gatehouse.core.Json;
import dev.gatehouse.core.User;
import dev.gatehouse.policy.LoginHistory;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Reads a user's recent {@code login} events that carry GeoIP data ({@code context.geo}) for the GeoIP policy, as
 * authentik's policy filters its events ({@code action=login, user__pk=…, context__geo__isnull=False}).
 */
public final class LoginLocations implements LoginHistory {
    private final DSLContext dsl;

    public LoginLocations(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Login> recent(User user, int count) {
        if (user == null || count <= 0) {
            return List.of();
        }
        return dsl.select(UUID_, CREATED, CONTEXT).from(T)
                .where(ACTION.eq("login")).and(USERNAME.eq(user.username()))
                .and(USER.startsWith("{\"pk\":" + user.pk() + ","))
                .and(CONTEXT.contains("\"geo\":{"))
                .orderBy(CREATED.desc()).limit(count)
                .fetch(r -> new Login(r.get(UUID_), r.get(CREATED), geo(Json.map(r.get(CONTEXT)))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> geo(Map<String, Object> context) {
        return context.get("geo") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
