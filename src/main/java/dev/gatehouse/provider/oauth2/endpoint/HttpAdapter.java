package dev.gatehouse.provider.oauth2.endpoint;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import dev.gatehouse.core.Json;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.core.RequestOrigin;
import dev.gatehouse.web.RequestOrigins;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the OAuth2 endpoints share to adapt Helidon to Nimbus and back: the request as a Nimbus
 * {@link HTTPRequest}, the request's origin (base URL and client IP, from {@link RequestOrigins}), JSON answers with
 * {@code Cache-Control: no-store} (RFC 6749 §5.1), and the one mapping of {@link OAuth2Exception} to the wire
 * (RFC 6749 §5.2: 400, or 401 with {@code WWW-Authenticate} for invalid_client, 429 with {@code Retry-After}
 * for a throttled one; RFC 6750 §3 for bearer errors).
 */
public final class HttpAdapter {
    private static final Logger LOG = Logger.getLogger(HttpAdapter.class.getName());
    private static final int MAX_BODY = 64 * 1024;
    private final RequestOrigins origins;

    public HttpAdapter(RequestOrigins origins) {
        this.origins = origins;
    }

    /** How the request reached us (scheme, host, base URL and client IP, decided once). */
    public RequestOrigin origin(ServerRequest req) {
        return origins.of(req);
    }

    /** The base URL the issuer is built on: the external URL when configured, else the request's origin. */
    public String base(ServerRequest req) {
        return origins.of(req).baseUrl();
    }

    public String clientIp(ServerRequest req) {
        return origins.of(req).clientIp();
    }

    public HTTPRequest nimbus(ServerRequest req) {
        String query = req.query().rawValue();
        URI uri = URI.create(base(req) + req.path().rawPath() + (query.isEmpty() ? "" : "?" + query));
        HTTPRequest h = new HTTPRequest(HTTPRequest.Method.valueOf(req.prologue().method().text()), uri);
        req.headers().first(HeaderNames.AUTHORIZATION).ifPresent(v -> h.setHeader("Authorization", v));
        req.headers().first(HeaderNames.CONTENT_TYPE).ifPresent(v -> h.setHeader("Content-Type", v));
        if (req.content().hasEntity()) {
            try (InputStream in = req.content().inputStream()) {
                h.setBody(new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return h;
    }

    public static void json(ServerResponse res, int status, Object body) {
        res.status(status);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header("Pragma", "no-cache");
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(body));
    }

    public static void error(ServerResponse res, OAuth2Exception e) {
        ErrorObject error = e.error();
        LOG.log(Level.FINE, () -> "oauth2 " + error.getCode() + ": " + e.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.getCode());
        if (error.getDescription() != null) {
            body.put("error_description", error.getDescription());
        }
        int status = error.getHTTPStatusCode() > 0 ? error.getHTTPStatusCode() : 400;
        if (e.retryAfter() != null) {
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        }
        if (OAuth2Error.INVALID_CLIENT.getCode().equals(error.getCode()) && status != 429) {
            status = 401;
            res.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"gatehouse\"");
        }
        json(res, status, body);
    }

    /** A bearer-protected resource's error (RFC 6750 §3): the code and description in WWW-Authenticate. */
    public static void bearerError(ServerResponse res, OAuth2Exception e) {
        ErrorObject error = e.error();
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse\", error=\"" + error.getCode() + "\""
                + (error.getDescription() == null ? "" : ", error_description=\"" + error.getDescription().replace("\"", "'") + "\""));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.getCode());
        if (error.getDescription() != null) {
            body.put("error_description", error.getDescription());
        }
        json(res, error.getHTTPStatusCode() > 0 ? error.getHTTPStatusCode() : 401, body);
    }
}
