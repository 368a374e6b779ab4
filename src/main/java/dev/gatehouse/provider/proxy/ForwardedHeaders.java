package dev.gatehouse.provider.proxy;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The request headers the forward-auth adapters read, as Helidon header names (created once). They describe the
 * ORIGINAL request (the protected application's URL), not how this server was reached (that is
 * {@link dev.gatehouse.web.RequestOrigins}), and are read from any peer: the forward-auth endpoint answers only with
 * the decision for the caller's own cookies or credentials, so a client calling it directly with made-up values
 * learns nothing it could not learn by requesting that URL through the proxy, and the reverse proxy (which always
 * sets them) decides what actually reaches the application.
 */
final class ForwardedHeaders {
    static final HeaderName METHOD = HeaderNames.create("X-Forwarded-Method");
    static final HeaderName PROTO = HeaderNames.X_FORWARDED_PROTO;
    static final HeaderName HOST = HeaderNames.X_FORWARDED_HOST;
    static final HeaderName URI = HeaderNames.create("X-Forwarded-Uri");
    static final HeaderName ORIGINAL_URL = HeaderNames.create("X-Original-URL");
    static final HeaderName ORIGINAL_URI = HeaderNames.create("X-Original-URI");

    private ForwardedHeaders() {
    }

    /** The first value of a header, or null when absent or empty. */
    static String first(ServerRequest req, HeaderName name) {
        return req.headers().first(name).filter(v -> !v.isBlank()).map(String::strip).orElse(null);
    }

    /** The first of a comma-separated list (X-Forwarded-Proto/Host after several proxies), stripped. */
    static String firstOfList(ServerRequest req, HeaderName name) {
        String v = first(req, name);
        if (v == null) {
            return null;
        }
        int comma = v.indexOf(',');
        return (comma < 0 ? v : v.substring(0, comma)).strip();
    }

    /** The authority of the original request as the reverse proxy describes it: X-Forwarded-Host, else Host. */
    static String host(ServerRequest req) {
        String forwarded = firstOfList(req, HOST);
        return forwarded != null ? forwarded : first(req, HeaderNames.HOST);
    }
}
