package dev.gatehouse.web;

import dev.gatehouse.api.ApiAuthenticator;
import dev.gatehouse.api.ApiException;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.core.ApiPrincipal;
import dev.gatehouse.core.UserService;
import dev.gatehouse.session.SessionService;
import java.util.Optional;
import java.util.Set;

/**
 * The browser session as an API credential ({@code gatehouse_session} cookie). A state-changing method
 * also needs the session's CSRF token in {@code X-authentik-CSRF}; a missing or wrong one is a 403, as
 * Django answers. An unknown, expired or deleted session is no credential at all.
 */
public final class SessionAuthenticator implements ApiAuthenticator {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private final SessionService sessions;
    private final UserService users;

    public SessionAuthenticator(SessionService sessions, UserService users) {
        this.sessions = sessions;
        this.users = users;
    }

    @Override
    public Optional<ApiPrincipal> authenticate(ApiRequest request) {
        Optional<SessionService.Live> live = SessionCookies.read(request.header("Cookie"), SessionCookies.SESSION)
                .flatMap(sessions::resolve);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        if (!SAFE_METHODS.contains(request.method())) {
            String presented = request.header(SessionCookies.CSRF_HEADER);
            if (presented == null || presented.isBlank()) {
                throw new ApiException(403, "CSRF Failed: CSRF token missing.");
            }
            if (!sessions.csrfMatches(live.get().session(), presented.trim())) {
                throw new ApiException(403, "CSRF Failed: CSRF token incorrect.");
            }
        }
        return Optional.of(new ApiPrincipal(live.get().user(), users.isSuperuser(live.get().user()), null,
                live.get().session().uuid()));
    }
}
