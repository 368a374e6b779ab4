package dev.gatehouse.web;

import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.ApiRouter;
import dev.gatehouse.api.RawBody;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/** Writes API responses to Helidon. */
public final class Responses {
    private Responses() {
    }

    public static void send(ServerResponse res, ApiResponse r) {
        res.status(r.status());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        for (java.util.Map.Entry<String, String> h : r.headers()) {
            res.headers().add(io.helidon.http.HeaderValues.create(HeaderNames.create(h.getKey()), h.getValue()));
        }
        if (r.body() instanceof RawBody raw) {
            res.header(HeaderNames.CONTENT_TYPE, raw.contentType());
            res.send(raw.bytes());
        } else if (r.body() == null) {
            res.send();
        } else {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(ApiRouter.serialize(r));
        }
    }

    public static void json(ServerResponse res, int status, String json) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
