package dev.gatehouse.web;

import dev.gatehouse.store.Database;
import io.helidon.webserver.http.HttpRouting;

/** {@code /-/health/live/} (the process answers) and {@code /-/health/ready/} (database reachable, schema current). */
public final class HealthEndpoints {
    private final Database db;

    public HealthEndpoints(Database db) {
        this.db = db;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/-/health/live/", (req, res) -> {
            req.context().register(new RouteName("/-/health/live/"));
            Responses.json(res, 200, "{\"status\":\"ok\"}");
        });
        routing.get("/-/health/ready/", (req, res) -> {
            req.context().register(new RouteName("/-/health/ready/"));
            if (db.healthy()) {
                Responses.json(res, 200, "{\"status\":\"ok\"}");
            } else {
                Responses.json(res, 503, "{\"status\":\"unavailable\",\"detail\":\"database not reachable or not migrated\"}");
            }
        });
    }
}
