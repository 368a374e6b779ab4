package dev.gatehouse.provider.proxy;

import dev.gatehouse.store.Database;
import dev.gatehouse.web.SessionCookies;
import io.helidon.http.Header;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The one forward-auth decision every reverse proxy's adapter shares (DESIGN.md point 12; CONTRACT.md
 * "Forward auth / proxy provider"), in this order:
 * <ol>
 * <li>identity headers the client sent itself: refused (see {@link IdentityHeaders});</li>
 * <li>the application by host, else {@code no app for hostname};</li>
 * <li>the outpost's own paths ({@code /outpost.goauthentik.io/...}) pass without identity, as in authentik
 * (the proxy routes them to this server);</li>
 * <li>a live proxy session whose user the application's bindings admit: 200 with the identity headers;</li>
 * <li>a path matching {@code skip_path_regex}: 200 without identity;</li>
 * <li>a live session the bindings refuse: the access-denied page;</li>
 * <li>with {@code intercept_header_auth}, an {@code Authorization} header: its identity, or 401 (no redirect
 * for a client that authenticates by header);</li>
 * <li>otherwise sign in first, at {@code /outpost.goauthentik.io/start?rd=<the original URL>}.</li>
 * </ol>
 */
public final class ForwardAuth {
    private final Database db;
    private final ProxySessions sessions;
    private final HeaderAuth headers;

    ForwardAuth(Database db, ProxySessions sessions, HeaderAuth headers) {
        this.db = db;
        this.sessions = sessions;
        this.headers = headers;
    }

    /** What to answer the reverse proxy. */
    public sealed interface Decision {
        /** 200 with these headers (the identity set, Basic, additional headers). */
        record Allow(Header[] headers) implements Decision {
        }

        /** 200 without identity (skip path, outpost path). */
        record Anonymous() implements Decision {
        }

        /** Signed in, but the application's bindings refuse the user: 403 page. */
        record Denied(String applicationName, String message) implements Decision {
        }

        /** Not signed in: send the browser to {@code location} (or 401 for proxies that redirect themselves). */
        record SignIn(String location) implements Decision {
        }

        /** Header authentication failed: 401 without redirect. */
        record Unauthenticated(String message) implements Decision {
        }

        /** No application serves this host: 400 {@code {"Message":"no app for hostname"}}. */
        record UnknownHost(String host) implements Decision {
        }

        /** The client sent identity headers of its own: 400. */
        record Forged(List<String> names) implements Decision {
        }
    }

    public Decision decide(ForwardRequest r) {
        if (!r.forged().isEmpty()) {
            return new Decision.Forged(r.forged());
        }
        Optional<ProxyRoute> found = ProxyRoutes.current(db).forHost(r.scheme(), r.authority());
        if (found.isEmpty()) {
            return new Decision.UnknownHost(r.authority());
        }
        ProxyRoute route = found.get();
        if (r.path().startsWith(ProxyProvider.PREFIX + "/")) {
            return new Decision.Anonymous();
        }
        String key = SessionCookies.read(r.cookieHeader(), route.cookieName()).orElse(null);
        Optional<Identity> identity = key == null ? Optional.empty() : sessions.identity(route, key, r);
        if (identity.isPresent() && identity.get().allowed()) {
            return new Decision.Allow(identity.get().headers());
        }
        if (route.skipPaths().matches(route.domainMode() ? r.url() : r.path())) {
            return new Decision.Anonymous();
        }
        if (identity.isPresent()) {
            return new Decision.Denied(route.application().name(), identity.get().denial());
        }
        if (route.provider().interceptHeaderAuth() && r.authorization() != null) {
            Optional<Identity> byHeader = headers.check(route, r.authorization(), r);
            if (byHeader.isEmpty()) {
                return new Decision.Unauthenticated("The Authorization header does not authenticate a user of "
                        + route.application().name() + "; with header authentication no sign-in redirect is made.");
            }
            return byHeader.get().allowed() ? new Decision.Allow(byHeader.get().headers())
                    : new Decision.Denied(route.application().name(), byHeader.get().denial());
        }
        URI original = r.parsedUrl();
        String rd = original != null && route.allowsReturnTo(original) ? r.url() : route.provider().externalHost();
        URI from = original != null ? original : URI.create(route.provider().externalHost());
        return new Decision.SignIn(route.startUrl(from) + "?rd=" + URLEncoder.encode(rd, StandardCharsets.UTF_8));
    }
}
