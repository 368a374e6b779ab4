package dev.gatehouse.web;

import dev.gatehouse.store.DatabaseAvailability;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.webserver.http.ErrorHandler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last word on an exception no endpoint answered: Helidon's own HTTP errors (no route: 404) keep their status;
 * 503 with {@code Retry-After} while the database is away ({@link DatabaseAvailability#isOutage}); else a bare 500. Neither carries a stack trace or a message to the client.
 */
public final class OutageErrors implements ErrorHandler<RuntimeException> {
    static final String RETRY_AFTER_SECONDS = "2";
    private static final Logger LOG = Logger.getLogger(OutageErrors.class.getName());

    public static void register(HttpRouting.Builder routing) {
        routing.error(RuntimeException.class, new OutageErrors());
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res, RuntimeException e) {
        if (e instanceof HttpException http) {
            // Helidon's own answers (no route: 404, a bad request line, …) keep their status, as without this handler
            res.status(http.status());
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.send(http.status().reasonPhrase() + "\n");
            return;
        }
        if (DatabaseAvailability.isOutage(e)) {
            LOG.fine(() -> req.prologue().method().text() + " " + req.path().path() + ": database unavailable");
            res.status(503);
            res.header(HeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
            res.header(HeaderNames.CACHE_CONTROL, "no-store");
            if (req.path().path().startsWith("/application/o/")) {
                // OAuth 2.0's own word for it (RFC 6749 §4.1.2.1), as JSON like every other error of those endpoints
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                res.send("{\"error\":\"temporarily_unavailable\",\"error_description\":\"The database cannot be"
                        + " reached. Try again shortly.\"}");
                return;
            }
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.send("Service temporarily unavailable: the database cannot be reached. Try again shortly.\n");
            return;
        }
        LOG.log(Level.SEVERE, req.prologue().method().text() + " " + req.path().path() + " failed", e);
        res.status(500);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.send("Internal server error.\n");
    }
}
