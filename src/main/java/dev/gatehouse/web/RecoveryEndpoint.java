package dev.gatehouse.web;

import dev.gatehouse.core.RecoveryKeys;
import dev.gatehouse.core.User;
import dev.gatehouse.session.SessionService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** {@code /recovery/use-token/<key>/}: signs the key's user in once, then the key no longer works. */
public final class RecoveryEndpoint {
    private final RecoveryKeys keys;
    private final SessionService sessions;
    private final SessionCookies cookies;
    private final RequestOrigins origins;

    public RecoveryEndpoint(RecoveryKeys keys, SessionService sessions, SessionCookies cookies, RequestOrigins origins) {
        this.keys = keys;
        this.sessions = sessions;
        this.cookies = cookies;
        this.origins = origins;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/recovery/use-token/{key}/", this::use);
    }

    private void use(ServerRequest req, ServerResponse res) {
        req.context().register(new RouteName("/recovery/use-token/{key}/"));
        String ip = origins.of(req).clientIp();
        Optional<User> user = keys.redeem(req.path().pathParameters().get("key"));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (user.isEmpty()) {
            res.status(404);
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.send("This recovery link is invalid, expired or already used.\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        SessionService.Issued issued = sessions.login(user.get(), ip, req.headers().first(HeaderNames.USER_AGENT)
                .orElse(null), SessionService.BROWSER_SESSION_LIFETIME);
        SessionCookies.write(res, cookies.issue(issued.key(), sessions.csrfToken(issued.session()), null,
                Instant.now(), cookies.secure(req)));
        res.status(302);
        res.header(HeaderNames.LOCATION, "/if/user/");
        res.send();
    }
}
