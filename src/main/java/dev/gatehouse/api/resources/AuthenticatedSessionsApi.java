package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.session.SessionStore;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code core/authenticated_sessions/}: a user lists and deletes its own browser sessions, a superuser
 * anyone's (someone else's reads as 404). Deleting a session logs that browser out at its next request.
 * The user agent is returned as authentik's shape with its raw string; the parsed families are "Other".
 */
public final class AuthenticatedSessionsApi {
    private static final String OTHER = "Other";
    private final SessionService sessions;

    public AuthenticatedSessionsApi(SessionService sessions) {
        this.sessions = sessions;
    }

    public record Device(String brand, String family, String model) {
    }

    public record Os(String family, String major, String minor, String patch, String patchMinor) {
    }

    public record Browser(String family, String major, String minor, String patch) {
    }

    public record UserAgent(Device device, Os os, Browser userAgent, String string) {
    }

    public record SessionView(UUID uuid, boolean current, UserAgent userAgent, Object geoIp, Object asn, long user,
                              String lastIp, String lastUserAgent, Instant lastUsed, Instant expires) {
    }

    public void register(Routes r) {
        r.list("core/authenticated_sessions/", Access.AUTHENTICATED, "core_authenticated_sessions_list",
                        "List browser sessions (own sessions unless superuser)", SessionView.class,
                        SessionStore.LISTING.filterNames(), this::list)
                .op("GET", "core/authenticated_sessions/{uuid}/", Access.AUTHENTICATED,
                        "core_authenticated_sessions_retrieve", "Get a browser session", null, SessionView.class,
                        req -> ApiResponse.ok(view(find(req), req)))
                .op("DELETE", "core/authenticated_sessions/{uuid}/", Access.AUTHENTICATED,
                        "core_authenticated_sessions_destroy", "Delete a browser session (logs that browser out)",
                        null, null, req -> {
                            if (!sessions.delete(req.actor(), find(req).uuid())) {
                                throw new NotFoundException();
                            }
                            return ApiResponse.noContent();
                        });
    }

    private ApiResponse list(ApiRequest req) {
        Long only = req.superuser() ? null : req.principal().user().pk();
        return ApiResponse.ok(Pagination.envelope(sessions.list(req.pageRequest(), only).map(s -> view(s, req))));
    }

    private AuthenticatedSession find(ApiRequest req) {
        AuthenticatedSession s = sessions.byUuid(req.pathUuid("uuid")).orElseThrow(NotFoundException::new);
        if (!req.superuser() && s.user() != req.principal().user().pk()) {
            throw new NotFoundException();
        }
        return s;
    }

    private static SessionView view(AuthenticatedSession s, ApiRequest req) {
        UserAgent agent = new UserAgent(new Device("", OTHER, ""), new Os(OTHER, "", "", "", ""),
                new Browser(OTHER, "", "", ""), s.userAgent());
        return new SessionView(s.uuid(), s.uuid().equals(req.principal().session()), agent, null, null, s.user(),
                s.clientIp(), s.userAgent(), s.lastUsed(), s.expires());
    }
}
