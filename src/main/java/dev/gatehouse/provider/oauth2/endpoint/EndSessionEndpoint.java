package dev.gatehouse.provider.oauth2.endpoint;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.provider.oauth2.Issuer;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.OAuth2ProviderStore;
import dev.gatehouse.provider.oauth2.RedirectUri;
import dev.gatehouse.provider.oauth2.token.ProviderKeys;
import dev.gatehouse.provider.oauth2.token.TokenIssuer;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.RouteName;
import dev.gatehouse.web.SessionCookies;
import dev.gatehouse.web.ui.LogoutPage;
import dev.gatehouse.web.ui.Pages;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * {@code /application/o/<slug>/end-session/} (OpenID Connect RP-Initiated Logout 1.0), GET or POST (§2):
 * <ul>
 * <li>An {@code id_token_hint} counts only when it is an id_token (not an access token, {@link TokenIssuer#isIdToken})
 * this provider signed (its key and algorithm) with this request's issuer, for this client ({@code aud}, and
 * {@code azp} when present); it may have expired (§2). Any other hint is an error page.</li>
 * <li>A {@code client_id} must be this application's; with a hint, both must agree (§2).</li>
 * <li>The browser's session ends at once only when the hint was issued for that very session (its {@code sid}).
 * Otherwise the user is asked (§2: "the OP MUST ask the End-User" without a hint or when the hint belongs to
 * another session) on a page whose form posts back with the session's CSRF token; a cross-site link alone never
 * signs anyone out.</li>
 * <li>A POST without the session cookie (an RP's cross-site form, which carries no SameSite=Lax cookie) is sent
 * on as the same request by GET (303), which does carry it.</li>
 * <li>The browser goes to {@code post_logout_redirect_uri} (with {@code state}) only when that URI is one of the
 * provider's registered logout URIs and the request proves its client (§3): a valid hint, or this client's
 * {@code client_id} (public, so it allows the redirect but never skips the question). Without that proof the page
 * says the user is signed out and redirects nowhere. An unregistered URI is an error page, never a redirect.</li>
 * </ul>
 */
public final class EndSessionEndpoint {
    public static final String ROUTE = "/application/o/{slug}/end-session/";
    private static final List<String> PARAMETERS = List.of("id_token_hint", "client_id", "post_logout_redirect_uri",
            "state");
    private final Database db;
    private final HttpAdapter http;
    private final ProviderKeys keys;
    private final SessionService sessions;
    private final SessionCookies cookies;
    public EndSessionEndpoint(Database db, HttpAdapter http, ProviderKeys keys, SessionService sessions,
                              SessionCookies cookies) {
        this.db = db;
        this.http = http;
        this.keys = keys;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    public void handle(ServerRequest req, ServerResponse res) {
        req.context().register(new RouteName(ROUTE));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header("X-Frame-Options", "DENY");
        res.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'");
        DSLContext dsl = db.dsl();
        Optional<Application> app = new ApplicationStore(dsl).bySlug(req.path().pathParameters().get("slug"));
        Optional<OAuth2Provider> provider = app.flatMap(a -> Optional.ofNullable(a.provider()))
                .flatMap(pk -> new OAuth2ProviderStore(dsl).byPk(pk));
        if (provider.isEmpty()) {
            page(res, 404, "There is no OpenID Connect application here.");
            return;
        }
        Map<String, List<String>> params = params(http.nimbus(req));
        String redirect = param(params, "post_logout_redirect_uri");
        String hint = param(params, "id_token_hint");
        String clientId = param(params, "client_id");
        if (redirect != null && !RedirectUri.anyMatches(provider.get().redirectUris(), "logout", redirect)) {
            page(res, 400, "The post_logout_redirect_uri is not registered for this application.");
            return;
        }
        if (clientId != null && !clientId.equals(provider.get().clientId())) {
            page(res, 400, "The client_id does not belong to this application.");
            return;
        }
        Optional<JWTClaimsSet> idToken = hint == null ? Optional.empty()
                : idToken(hint, provider.get(), Issuer.of(http.base(req), provider.get(), app.get()));
        if (hint != null && idToken.isEmpty()) {
            page(res, 400, "The id_token_hint is not an ID token this provider issued for this application.");
            return;
        }
        String to = redirect != null && (idToken.isPresent() || clientId != null) ? withState(redirect, param(params, "state"))
                : null;
        Optional<String> key = SessionCookies.read(req.headers().first(HeaderNames.COOKIE).orElse(null),
                SessionCookies.SESSION);
        if (key.isEmpty() && !params.containsKey(LogoutPage.CONFIRM)
                && req.prologue().method().text().equals("POST")) {
            // An RP's cross-site POST (§2 allows POST) carries no SameSite=Lax session cookie; the same request as a
            // top-level GET does, so the browser is sent there to be answered.
            res.status(303);
            res.header(HeaderNames.LOCATION, req.path().path() + "?" + URLUtils.serializeParameters(known(params)));
            res.send();
            return;
        }
        Optional<SessionService.Live> live = key.flatMap(sessions::resolve);
        if (live.isPresent() && !ofSession(idToken, live.get())) {
            if (!params.containsKey(LogoutPage.CONFIRM)) {
                confirm(res, live.get(), app.get(), req.path().path(), params);
                return;
            }
            if (!req.prologue().method().text().equals("POST")
                    || !sessions.csrfMatches(live.get().session(), param(params, "csrf"))) {
                page(res, 403, "This form has expired. Go back to the application and log out again.");
                return;
            }
        }
        if (key.isPresent()) {
            // Only a browser that sent its cookie gets it cleared: a cross-site POST carries no SameSite=Lax cookie,
            // and must not sign the browser out by overwriting it either.
            sessions.logout(key.get(), http.clientIp(req));
            SessionCookies.write(res, cookies.clear(cookies.secure(req)));
        }
        if (to == null) {
            page(res, 200, "You have been signed out.");
            return;
        }
        res.status(302);
        res.header(HeaderNames.LOCATION, to);
        res.send();
    }

    /** GET: the query (§2); POST: the form body (an RP may post the same parameters, and the confirmation posts). */
    private static Map<String, List<String>> params(HTTPRequest request) {
        if (request.getMethod() != HTTPRequest.Method.POST) {
            return request.getQueryStringParameters();
        }
        try {
            return request.getBodyAsFormParameters();
        } catch (ParseException e) {
            return Map.of();
        }
    }

    /** Whether the hint was issued for the browser's current session (its sid), so the RP acts for this user. */
    private static boolean ofSession(Optional<JWTClaimsSet> idToken, SessionService.Live live) {
        return idToken.map(c -> c.getClaim("sid")).filter(sid -> sid instanceof String)
                .map(sid -> sid.equals(TokenIssuer.sid(live.session().keyHash()))).orElse(false);
    }

    /** The hint's claims when it is an id_token this provider signed for this client under this issuer. */
    private Optional<JWTClaimsSet> idToken(String hint, OAuth2Provider provider, String issuer) {
        try {
            SignedJWT jwt = SignedJWT.parse(hint);
            var key = keys.of(provider);
            if (!jwt.getHeader().getAlgorithm().equals(key.algorithm()) || !jwt.verify(key.verifier())) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Object azp = claims.getClaim("azp");
            boolean ok = TokenIssuer.isIdToken(claims) && issuer.equals(claims.getIssuer())
                    && claims.getAudience() != null && claims.getAudience().contains(provider.clientId())
                    && (azp == null || provider.clientId().equals(azp));
            return ok ? Optional.of(claims) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The request parameters this endpoint reads (RP-Initiated Logout §2), first values only. */
    private static Map<String, List<String>> known(Map<String, List<String>> params) {
        Map<String, List<String>> known = new LinkedHashMap<>();
        for (String name : PARAMETERS) {
            String value = param(params, name);
            if (value != null) {
                known.put(name, List.of(value));
            }
        }
        return known;
    }

    /** The question (§2), with the request's parameters to post back. */
    private void confirm(ServerResponse res, SessionService.Live live, Application app, String action,
                         Map<String, List<String>> params) {
        List<LogoutPage.Field> fields = new ArrayList<>();
        known(params).forEach((name, values) -> fields.add(new LogoutPage.Field(name, values.getFirst())));
        String brand = new BrandStore(db.dsl()).defaultTitle();
        Pages.send(res, 200, Pages.LOGOUT, new LogoutPage(brand, live.user().username(), app.name(), action,
                sessions.csrfToken(live.session()), fields));
    }

    private static String withState(String redirect, String state) {
        return state == null ? redirect : redirect + (redirect.contains("?") ? "&" : "?") + "state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8);
    }

    private static String param(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.getFirst().isEmpty() ? null : values.getFirst();
    }

    private static void page(ServerResponse res, int status, String message) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        String escaped = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        res.send("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign out</title>"
                + "<link rel=\"stylesheet\" href=\"/static/gatehouse.css\"></head><body><main class=\"card\"><p>"
                + escaped + "</p><p class=\"links\"><a href=\"/\">Back to the start</a></p></main></body></html>");
    }
}
