package dev.gatehouse.provider.proxy;

import dev.gatehouse.store.Database;
import dev.gatehouse.web.CanonicalPath;
import dev.gatehouse.web.SessionCookies;
import io.helidon.http.Header;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one forward-auth decision every reverse proxy's adapter shares (DESIGN.md point 12; CONTRACT.md
 * "Forward auth / proxy provider"), in this order:
 * <ol>
 * <li>identity headers the client sent itself, or look-alikes of them: refused (see {@link IdentityHeaders});</li>
 * <li>the application by host, else {@code no app for hostname};</li>
 * <li>a path that has no unambiguous canonical form ({@link CanonicalPath}): refused (400). Every later step that
 * depends on the path reads the canonical one, never the raw path the proxy sent: the upstream resolves dot
 * segments, so {@code /outpost.goauthentik.io/../admin/} is {@code /admin/};</li>
 * <li>exactly the outpost's own endpoints ({@link #OUTPOST_ENDPOINTS}: {@code start}, {@code callback},
 * {@code sign_out} and the {@code auth/<proxy>} endpoints under {@code /outpost.goauthentik.io/}) pass without
 * identity, as in authentik (the proxy routes them to this server) — not every path with that prefix;</li>
 * <li>a live proxy session whose user the application's bindings admit: 200 with the identity headers;</li>
 * <li>a skip path ({@link SkipPaths}): 200 without identity. Matched against the canonical path in single mode,
 * and against the canonical URL without the query ({@code scheme://host[:port]} in lower case without the
 * default port, then the canonical path) in domain mode; the query string never takes part;</li>
 * <li>a live session the bindings refuse: the access-denied page;</li>
 * <li>with {@code intercept_header_auth}, an {@code Authorization} header: its identity, or 401 (no redirect
 * for a client that authenticates by header);</li>
 * <li>otherwise sign in first, at {@code /outpost.goauthentik.io/start?rd=<the original URL>}.</li>
 * </ol>
 */
public final class ForwardAuth {
    /** The outpost's endpoints, which pass without identity when the canonical path is exactly one of them. */
    static final Set<String> OUTPOST_ENDPOINTS = Stream.concat(
            Stream.of(SignInEndpoints.START, SignInEndpoints.CALLBACK, SignInEndpoints.SIGN_OUT),
            ForwardAuthEndpoint.ADAPTERS.stream().map(ProxyAdapter::route)).collect(Collectors.toUnmodifiableSet());
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
        /**
         * 200 with these headers (the identity set, Basic, additional headers); {@code authorizationConsumed} when the
         * identity comes from the request's {@code Authorization} header (header authentication), which then is
         * Gatehouse's and not the application's.
         */
        record Allow(Header[] headers, boolean authorizationConsumed) implements Decision {
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

        /** The path is ambiguous or malformed ({@link CanonicalPath}): 400 naming why. */
        record Refused(String reason) implements Decision {
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
        CanonicalPath.Canonical path;
        switch (CanonicalPath.of(r.path())) {
            case CanonicalPath.Refused refused -> {
                return new Decision.Refused(refused.reason());
            }
            case CanonicalPath.Canonical c -> path = c;
        }
        if (OUTPOST_ENDPOINTS.contains(path.path())) {
            return new Decision.Anonymous();
        }
        String key = SessionCookies.read(r.cookieHeader(), route.cookieName()).orElse(null);
        Optional<Identity> identity = key == null ? Optional.empty() : sessions.identity(route, key, r);
        if (identity.isPresent() && identity.get().allowed()) {
            return new Decision.Allow(identity.get().headers(), false);
        }
        String origin = route.domainMode() ? r.scheme().toLowerCase(Locale.ROOT) + "://"
                + ProxyRoutes.normalise(r.scheme(), r.authority()) : "";
        if (route.skipPaths().matches(origin, path)) {
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
            return byHeader.get().allowed() ? new Decision.Allow(byHeader.get().headers(), true)
                    : new Decision.Denied(route.application().name(), byHeader.get().denial());
        }
        URI original = r.parsedUrl();
        String rd = original != null && route.allowsReturnTo(original) ? r.url() : route.provider().externalHost();
        URI from = original != null ? original : URI.create(route.provider().externalHost());
        return new Decision.SignIn(route.startUrl(from) + "?rd=" + URLEncoder.encode(rd, StandardCharsets.UTF_8));
    }
}
