package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.RequestOrigin;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.RequestOrigins;
import dev.gatehouse.web.RouteName;
import dev.gatehouse.web.SessionCookies;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /outpost.goauthentik.io/start}, {@code /callback} and {@code /sign_out} on the protected hosts (the
 * reverse proxy routes {@code /outpost.goauthentik.io/} to this server): the application is found by the host
 * the browser used ({@link RequestOrigin#host}: {@code X-Forwarded-Host} from a trusted proxy, else {@code Host}),
 * then {@link ProxySignIn} decides.
 */
public final class SignInEndpoints {
    static final String START = ProxyProvider.PREFIX + "/start";
    static final String CALLBACK = ProxyProvider.PREFIX + "/callback";
    static final String SIGN_OUT = ProxyProvider.PREFIX + "/sign_out";
    private final Database db;
    private final ProxySignIn signIn;
    private final RequestOrigins origins;
    private final ProxyResponses responses;
    private final ProxyEvents events;

    SignInEndpoints(Database db, ProxySignIn signIn, RequestOrigins origins, ProxyResponses responses,
                    ProxyEvents events) {
        this.db = db;
        this.signIn = signIn;
        this.origins = origins;
        this.responses = responses;
        this.events = events;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get(START, (req, res) -> handle(START, req, res));
        routing.get(CALLBACK, (req, res) -> handle(CALLBACK, req, res));
        routing.get(SIGN_OUT, (req, res) -> handle(SIGN_OUT, req, res));
        routing.post(SIGN_OUT, (req, res) -> handle(SIGN_OUT, req, res));
    }

    private void handle(String path, ServerRequest req, ServerResponse res) {
        req.context().register(new RouteName(path));
        RequestOrigin origin = origins.of(req);
        boolean secure = origin.secure();
        String scheme = origin.scheme();
        String authority = origin.host();
        Optional<ProxyRoute> found = authority == null ? Optional.empty()
                : ProxyRoutes.current(db).forHost(scheme, authority);
        if (found.isEmpty()) {
            ProxyResponses.noApp(res);
            return;
        }
        ProxyRoute route = found.get();
        Optional<String> misconfigured = path.equals(SIGN_OUT) ? Optional.empty() : route.signInConfigurationError();
        if (misconfigured.isPresent()) {
            events.signInMisconfigured(route, misconfigured.get(), origin.clientIp());
            responses.page(res, 500, "Sign-in is not configured", misconfigured.get());
            return;
        }
        boolean secureCookies = secure || route.provider().externalHttps();
        String cookieHeader = req.headers().first(HeaderNames.COOKIE).orElse(null);
        String base = origin.baseUrl();
        ProxySignIn.Result result = switch (path) {
            case START -> signIn.start(route, req.query().first("rd").orElse(null), secureCookies, base);
            case CALLBACK -> signIn.callback(route, params(req),
                    SessionCookies.read(cookieHeader, route.cookieName() + ProxyCookies.STATE_SUFFIX).orElse(null),
                    secureCookies, new ForwardRequest("GET", scheme, authority, req.path().rawPath(), cookieHeader, null,
                            () -> origins.of(req).clientIp(),
                            req.headers().first(HeaderNames.USER_AGENT).orElse(null), base, List.of()));
            default -> signIn.signOut(route, SessionCookies.read(cookieHeader, route.cookieName()).orElse(null),
                    secureCookies, base);
        };
        switch (result) {
            case ProxySignIn.Result.Redirect r -> ProxyResponses.redirect(res, r.location(), r.setCookies());
            case ProxySignIn.Result.Page p -> {
                p.setCookies().forEach(c -> res.headers().add(io.helidon.http.HeaderValues.create(HeaderNames.SET_COOKIE, c)));
                responses.page(res, p.status(), p.title(), p.message());
            }
        }
    }

    private static Map<String, String> params(ServerRequest req) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : List.of("code", "state", "error", "error_description")) {
            req.query().first(name).ifPresent(v -> out.put(name, v));
        }
        return out;
    }
}
