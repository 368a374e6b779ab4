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
        return live(req).map(SessionService.Live::user);
    }

    /** The browser's live session with its user. */
    public Optional<SessionService.Live> live(ServerRequest req) {
        return SessionCookies.read(req.headers().first(HeaderNames.COOKIE).orElse(null), SessionCookies.SESSION)
                .flatMap(sessions::resolve);
    }

    /** The session's CSRF token, for the hidden field of a form that changes something. */
    public String csrfToken(SessionService.Live live) {
        return sessions.csrfToken(live.session());
    }

    public boolean csrfMatches(SessionService.Live live, Object presented) {
        return presented instanceof String s && sessions.csrfMatches(live.session(), s);
    }
}
