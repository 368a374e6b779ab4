package dev.gatehouse.provider.oauth2.endpoint;

import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.RequestOrigin;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.provider.oauth2.authorize.AuthorizationService;
import dev.gatehouse.provider.oauth2.authorize.AuthorizationService.Decision;
import dev.gatehouse.provider.oauth2.authorize.ClientResponse;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.FlowRunner;
import dev.gatehouse.web.RouteName;
import dev.gatehouse.web.SessionCookies;
import dev.gatehouse.web.ui.FormPostPage;
import dev.gatehouse.web.ui.MessagePage;
import dev.gatehouse.web.ui.Pages;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET|POST /application/o/authorize/} (RFC 6749 §3.1, OIDC Core §3.1.2.1): reads the parameters and the
 * browser's session, asks {@link AuthorizationService}, and writes its decision: an HTML page, a redirect (or
 * form_post page) to the client, a redirect to sign in, or the authorization flow started for this browser
 * and continued at its flow page.
 */
public final class AuthorizeEndpoint {
    private static final int MAX_FORM = 64 * 1024;
    private static final String CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'";
    private final Database db;
    private final AuthorizationService service;
    private final FlowRunner runner;
    private final SessionService sessions;
    private final HttpAdapter http;
    private final SessionCookies cookies;
    public AuthorizeEndpoint(Database db, AuthorizationService service, FlowRunner runner, SessionService sessions,
                             HttpAdapter http, SessionCookies cookies) {
        this.db = db;
        this.service = service;
        this.runner = runner;
        this.sessions = sessions;
        this.http = http;
        this.cookies = cookies;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get(AuthorizationService.PATH, (req, res) -> handle(req, res, false));
        routing.post(AuthorizationService.PATH, (req, res) -> handle(req, res, true));
    }

    private void handle(ServerRequest req, ServerResponse res, boolean post) throws IOException {
        req.context().register(new RouteName(AuthorizationService.PATH));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header("X-Frame-Options", "DENY");
        res.header("Content-Security-Policy", CSP);
        Optional<Map<String, List<String>>> params = post ? form(req) : Optional.of(URLUtils.parseParameters(req.query().rawValue()));
        if (params.isEmpty()) {
            page(res, 400, "The authorization request is too large.");
            return;
        }
        String cookie = req.headers().first(HeaderNames.COOKIE).orElse(null);
        RequestOrigin origin = http.origin(req);
        String ip = origin.clientIp();
        String host = origin.host();
        String userAgent = req.headers().first(HeaderNames.USER_AGENT).orElse(null);
        Optional<AuthorizationService.Signed> signed = SessionCookies.read(cookie, SessionCookies.SESSION)
                .flatMap(sessions::resolve).map(l -> new AuthorizationService.Signed(l.session(), l.user()));
        Decision decision = service.authorize(params.get(), origin.baseUrl(), signed, ip,
                new PolicyRequest.Http(host, AuthorizationService.PATH, userAgent));
        switch (decision) {
            case Decision.ErrorPage e -> page(res, e.status(), e.message());
            case Decision.Respond r -> respond(res, r.response());
            case Decision.SignIn s -> redirect(res, s.location());
            case Decision.RunFlow f -> {
                FlowRunner.Call call = new FlowRunner.Call(cookie, origin, userAgent, AuthorizationService.PATH, null);
                FlowRunner.Outcome outcome = runner.start(f.flow(), call, f.context(), f.appended());
                SessionCookies.write(res, outcome.setCookies());
                switch (outcome.step()) {
                    case Step.Done done -> redirect(res, done.redirect());
                    case Step.Denied denied -> page(res, 403, denied.message());
                    case Step.Show show -> {
                        Optional<ClientResponse> refused = service.refuseInteraction(f.params(), show.challenge());
                        if (refused.isPresent()) {
                            runner.discard(f.flow(), outcome.flowKey());
                            respond(res, refused.get());
                        } else {
                            redirect(res, "/if/flow/" + f.flow().slug() + "/");
                        }
                    }
                }
            }
        }
    }

    /** To the client: a redirect, or for form_post a page whose form the browser posts to the redirect URI. */
    private void respond(ServerResponse res, ClientResponse response) {
        if (!response.formPost()) {
            redirect(res, response.location().toString());
            return;
        }
        res.header("Content-Security-Policy", CSP + "; form-action " + formTarget(response.redirectUri()));
        Pages.send(res, 200, Pages.FORM_POST, new FormPostPage(brand(), "Redirecting…", response.redirectUri().toString(),
                response.parameters()));
    }

    /** The CSP source that admits posting to the URI: its origin, or its scheme for a private-use scheme. */
    private static String formTarget(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null) {
            return scheme + "://" + uri.getRawAuthority().substring(uri.getRawAuthority().lastIndexOf('@') + 1);
        }
        return scheme + ":";
    }

    private void page(ServerResponse res, int status, String message) {
        String title = switch (status) {
            case 403 -> "Access denied";
            case 400 -> "This sign-in request cannot be used";
            default -> "Something is misconfigured";
        };
        Pages.send(res, status, Pages.MESSAGE, new MessagePage(brand(), title, message));
    }

    private String brand() {
        return new BrandStore(db.dsl()).defaultTitle();
    }

    private static void redirect(ServerResponse res, String location) {
        res.status(302);
        res.header(HeaderNames.LOCATION, location);
        res.send();
    }

    /** The form body (application/x-www-form-urlencoded, RFC 6749 §3.1); empty when it is too large. */
    private static Optional<Map<String, List<String>>> form(ServerRequest req) throws IOException {
        if (!req.content().hasEntity()) {
            return Optional.of(Map.of());
        }
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_FORM + 1);
        }
        if (body.length > MAX_FORM) {
            return Optional.empty();
        }
        return Optional.of(URLUtils.parseParameters(new String(body, StandardCharsets.UTF_8)));
    }
}
