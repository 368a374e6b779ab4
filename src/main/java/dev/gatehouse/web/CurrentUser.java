package dev.gatehouse.web;

import dev.gatehouse.core.User;
import dev.gatehouse.session.SessionService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** The user signed in on this browser, from the {@code gatehouse_session} cookie. */
public final class CurrentUser {
    private final SessionService sessions;

    public CurrentUser(SessionService sessions) {
        this.sessions = sessions;
    }

    public Optional<User> of(ServerRequest req) {
        return SessionCookies.read(req.headers().first(HeaderNames.COOKIE).orElse(null), SessionCookies.SESSION)
                .flatMap(sessions::resolve).map(SessionService.Live::user);
    }
}
