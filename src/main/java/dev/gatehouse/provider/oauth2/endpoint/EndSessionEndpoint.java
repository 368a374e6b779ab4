package dev.gatehouse.provider.oauth2.endpoint;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.core.Application;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.RedirectUri;
import dev.gatehouse.provider.oauth2.token.ProviderKeys;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;
import dev.gatehouse.web.RouteName;
import dev.gatehouse.web.SessionCookies;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code /application/o/<slug>/end-session/} (OpenID Connect RP-Initiated Logout 1.0): ends the browser's
 * session and sends it to {@code post_logout_redirect_uri} (with {@code state}) only when that URI is one of
 * the provider's registered logout URIs; an {@code id_token_hint} must be a token this provider signed for
 * this client (it may have expired, §2). Anything else is an error page, never a redirect.
 */
public final class EndSessionEndpoint {
    public static final String ROUTE = "/application/o/{slug}/end-session/";
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
        Stores s = Stores.on(db.dsl());
        Optional<Application> app = s.applications().bySlug(req.path().pathParameters().get("slug"));
        Optional<OAuth2Provider> provider = app.flatMap(a -> Optional.ofNullable(a.provider()))
                .flatMap(pk -> s.oauth2Providers().byPk(pk));
        if (provider.isEmpty()) {
            page(res, 404, "There is no OpenID Connect application here.");
            return;
        }
        String redirect = param(req, "post_logout_redirect_uri");
        String hint = param(req, "id_token_hint");
        if (redirect != null && !RedirectUri.anyMatches(provider.get().redirectUris(), "logout", redirect)) {
            page(res, 400, "The post_logout_redirect_uri is not registered for this application.");
            return;
        }
        if (hint != null && !issuedHere(hint, provider.get())) {
            page(res, 400, "The id_token_hint was not issued by this provider for this application.");
            return;
        }
        SessionCookies.read(req.headers().first(HeaderNames.COOKIE).orElse(null), SessionCookies.SESSION)
                .ifPresent(key -> sessions.logout(key, http.clientIp(req)));
        SessionCookies.write(res, cookies.clear(cookies.secure(req)));
        if (redirect == null) {
            page(res, 200, "You have been signed out.");
            return;
        }
        String state = param(req, "state");
        String to = state == null ? redirect : redirect + (redirect.contains("?") ? "&" : "?") + "state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8);
        res.status(302);
        res.header(HeaderNames.LOCATION, to);
        res.send();
    }

    private boolean issuedHere(String idToken, OAuth2Provider provider) {
        try {
            SignedJWT jwt = SignedJWT.parse(idToken);
            var key = keys.of(provider);
            if (!jwt.getHeader().getAlgorithm().equals(key.algorithm()) || !jwt.verify(key.verifier())) {
                return false;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            return claims.getAudience().contains(provider.clientId());
        } catch (Exception e) {
            return false;
        }
    }

    private static String param(ServerRequest req, String name) {
        return req.query().first(name).filter(v -> !v.isEmpty()).orElse(null);
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
