package dev.gatehouse.web;

import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.ApiRouter;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Adapts Helidon requests under {@code /api/v3/} to the {@link ApiRouter}. Bodies over 1 MiB are refused (413). */
public final class ApiEndpoint implements Handler {
    public static final int MAX_BODY = 1024 * 1024;
    private final ApiRouter router;
    private final RequestOrigins origins;

    public ApiEndpoint(ApiRouter router, RequestOrigins origins) {
        this.router = router;
        this.origins = origins;
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String method = req.prologue().method().text();
        String path = req.path().path();
        String relative = path.length() > ApiRouter.PREFIX.length() ? path.substring(ApiRouter.PREFIX.length()) : "";
        ApiRouter.Match m = router.match(method, relative);
        if (m.route() == null) {
            req.context().register(new RouteName(m.allowed().isEmpty() ? "/api/v3/<unmatched>" : "/api/v3/" + relative));
            if (!m.allowed().isEmpty()) {
                res.header(HeaderNames.ALLOW, String.join(", ", m.allowed()));
                Responses.send(res, ApiRouter.detail(405, "Method \"" + method + "\" not allowed."));
            } else {
                Responses.send(res, ApiRouter.detail(404, "Not found."));
            }
            return;
        }
        req.context().register(new RouteName("/api/v3/" + m.route().template()));
        byte[] body;
        try {
            body = readBody(req);
        } catch (IOException e) {
            Responses.send(res, ApiRouter.detail(400, "Could not read the request body."));
            return;
        }
        if (body == null) {
            res.header(HeaderNames.CONNECTION, "close");
            Responses.send(res, ApiRouter.detail(413, "Request body is larger than 1 MiB."));
            return;
        }
        Map<String, java.util.List<String>> query = req.query().toMap();
        ApiRequest call = new ApiRequest(method, m.params(), query,
                name -> req.headers().first(HeaderNames.create(name)).orElse(null), body,
                origins.of(req));
        ApiResponse r = router.execute(m.route(), call);
        if (r.status() == 401) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"authentik\"");
        }
        Responses.send(res, r);
    }

    /** The body, or null when it exceeds {@link #MAX_BODY}. */
    private static byte[] readBody(ServerRequest req) throws IOException {
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] data = in.readNBytes(MAX_BODY + 1);
            return data.length > MAX_BODY ? null : data;
        }
    }
}
