package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.RequestOrigin;
import dev.gatehouse.outpost.ProxyUrls;
import dev.gatehouse.web.CanonicalPath;
import dev.gatehouse.web.RequestOrigins;
import dev.gatehouse.web.RouteName;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Proxy mode (CONTRACT.md: mode {@code proxy}): requests for a proxy-mode provider's external host reach this
 * server directly, and it forwards them to the provider's {@code internal_host} after the same decision as
 * forward auth ({@link ForwardAuth}): signed-in and admitted users' requests go upstream with the identity
 * headers, skip paths without them, everyone else is sent to sign in. The decision and the forwarding use the
 * {@link CanonicalPath canonical} path: the upstream gets the canonical path and the original query, and a path
 * without an unambiguous canonical form is refused (400), never forwarded. {@code /outpost.goauthentik.io/} stays
 * this server's. Request and response bodies are streamed, hop-by-hop headers (RFC 9110 §7.6.1) are not
 * forwarded, nor this server's own cookies ({@code gatehouse_*}), nor an {@code Authorization} header that header
 * authentication consumed; the upstream sees its own host in {@code Host} and the browser's in {@code X-Forwarded-Host} (as
 * authentik), plus {@code X-Forwarded-For} and {@code -Proto}. An upstream that cannot be reached is a 502 page
 * after at most {@link #CONNECT_TIMEOUT}; one that does not start answering within {@link #RESPONSE_TIMEOUT} is
 * a 504. WebSocket upgrades are not proxied. Known limit: the JDK HTTP client writes header values as US-ASCII,
 * so identity values outside ASCII reach the upstream with {@code ?} in place of those characters.
 */
final class ReverseProxy {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(ReverseProxy.class.getName());
    private static final RouteName ROUTE = new RouteName("<proxy mode>");
    /** Hop-by-hop (RFC 9110 §7.6.1) and what the HTTP client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host",
            "content-length", "expect", "http2-settings", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto");
    private final dev.gatehouse.store.Database db;
    private final ForwardAuth auth;
    private final RequestOrigins origins;
    private final ProxyResponses responses;
    private final HttpClient verifying = client(true);
    private final HttpClient trusting = client(false);

    ReverseProxy(dev.gatehouse.store.Database db, ForwardAuth auth, RequestOrigins origins,
                 ProxyResponses responses) {
        this.db = db;
        this.auth = auth;
        this.origins = origins;
        this.responses = responses;
    }

    /** First of all routes: a request that is not for a proxy-mode host goes on to the next route. */
    void register(HttpRouting.Builder routing) {
        routing.any("/", this::handle);
        routing.any("/*", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        RequestOrigin origin = origins.of(req);
        String authority = origin.host();
        boolean secure = origin.secure();
        Optional<ProxyRoute> route = authority == null ? Optional.empty()
                : ProxyRoutes.current(db).forHost(secure ? "https" : "http", authority)
                        .filter(r -> r.provider().mode() == ProxyMode.PROXY);
        if (route.isEmpty()) {
            res.next();
            return;
        }
        String path;
        switch (CanonicalPath.of(req.path().rawPath())) {
            case CanonicalPath.Refused refused -> {
                req.context().register(ROUTE);
                ProxyResponses.text(res, 400, refused.reason());
                return;
            }
            case CanonicalPath.Canonical c -> path = c.path();
        }
        if (path.startsWith(ProxyProvider.PREFIX + "/")) {
            res.next();
            return;
        }
        req.context().register(ROUTE);
        String query = req.query().rawValue();
        ForwardRequest r = new ForwardRequest(req.prologue().method().text(), secure ? "https" : "http", authority,
                query.isEmpty() ? path : path + "?" + query, req.headers().first(HeaderNames.COOKIE).orElse(null),
                req.headers().first(HeaderNames.AUTHORIZATION).orElse(null),
                origin::clientIp,
                req.headers().first(HeaderNames.USER_AGENT).orElse(null),
                origin.baseUrl(), IdentityHeaders.forged(req.headers()));
        switch (auth.decide(r)) {
            case ForwardAuth.Decision.Allow a -> forward(route.get(), r, req, res, a.headers(), a.authorizationConsumed());
            case ForwardAuth.Decision.Anonymous x -> forward(route.get(), r, req, res, new Header[0], false);
            case ForwardAuth.Decision.Denied d -> responses.page(res, 403, "Access denied", d.message());
            case ForwardAuth.Decision.SignIn s -> ProxyResponses.redirect(res, s.location(), List.of());
            case ForwardAuth.Decision.Unauthenticated u -> ProxyResponses.text(res, 401, u.message());
            case ForwardAuth.Decision.UnknownHost h -> ProxyResponses.noApp(res);
            case ForwardAuth.Decision.Refused p -> ProxyResponses.text(res, 400, p.reason());
            case ForwardAuth.Decision.Forged f -> ProxyResponses.text(res, 400, "The request carries identity headers "
                    + "set by the client (" + String.join(", ", f.names()) + ").");
        }
    }

    /**
     * Sends the request upstream at its canonical path and original query, without the hop-by-hop headers, this
     * server's own cookies, the client's identity headers, and the client's {@code Authorization} when Gatehouse
     * consumed it (header authentication) or replaces it (HTTP Basic injection).
     */
    private void forward(ProxyRoute route, ForwardRequest r, ServerRequest req, ServerResponse res, Header[] identity,
                         boolean authorizationConsumed) {
        HttpRequest.Builder b = HttpRequest.newBuilder(upstream(route.provider().internalHost(), r.uri()))
                .timeout(RESPONSE_TIMEOUT).method(r.method(), body(req));
        for (Header h : req.headers()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (!NOT_FORWARDED.contains(name) && !name.equals("cookie")
                    && !replaced(name, identity, authorizationConsumed)) {
                h.allValues().forEach(v -> addQuietly(b, h.name(), v));
            }
        }
        String appCookies = ProxyCookies.withoutOwn(req.headers().values(HeaderNames.COOKIE));
        if (appCookies != null) {
            addQuietly(b, "Cookie", appCookies);
        }
        String forwardedFor = origins.forwardedFor(req.remotePeer().address(),
                req.headers().values(HeaderNames.X_FORWARDED_FOR));
        b.header("X-Forwarded-For", forwardedFor).header("X-Forwarded-Proto", r.scheme())
                .header("X-Forwarded-Host", r.authority());
        for (Header h : identity) {
            addQuietly(b, h.name(), h.get());
        }
        HttpClient client = route.provider().internalHostSslValidation() ? verifying : trusting;
        HttpResponse<InputStream> upstream;
        try {
            upstream = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            responses.page(res, 504, "The application did not answer", route.application().name()
                    + " did not answer in time. Try again later.");
            return;
        } catch (IOException e) {
            LOG.log(Level.FINE, "upstream of " + route.provider().name() + " unreachable", e);
            responses.page(res, 502, "The application cannot be reached", route.application().name()
                    + " is not reachable right now. Try again later.");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        res.status(upstream.statusCode());
        upstream.headers().map().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> res.headers().add(HeaderValues.create(name, v)));
            }
        });
        try (InputStream in = upstream.body(); OutputStream out = res.outputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            LOG.log(Level.FINE, "response from the upstream of " + route.provider().name() + " broke off", e);
        }
    }

    /** The request body as a stream, with its length when the browser gave one. */
    private static HttpRequest.BodyPublisher body(ServerRequest req) {
        if (!req.content().hasEntity()) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> req.content().inputStream());
        Optional<Long> length = req.headers().contentLength().stream().boxed().findFirst();
        return length.isPresent() ? HttpRequest.BodyPublishers.fromPublisher(stream, length.get()) : stream;
    }

    /** The internal host with the request's path and query appended (the internal host's own path kept as a prefix). */
    static URI upstream(String internalHost, String pathAndQuery) {
        return URI.create(ProxyUrls.withoutTrailingSlash(internalHost) + pathAndQuery);
    }

    /** Whether the client's header gives way to Gatehouse's: identity headers, and a consumed or replaced Authorization. */
    private static boolean replaced(String lowerName, Header[] identity, boolean authorizationConsumed) {
        if (lowerName.equals("authorization")) {
            if (authorizationConsumed) {
                return true;
            }
            for (Header h : identity) {
                if (h.name().equalsIgnoreCase("authorization")) {
                    return true;
                }
            }
            return false;
        }
        return IdentityHeaders.isIdentity(lowerName) || lowerName.startsWith("x-authentik-");
    }

    private static void addQuietly(HttpRequest.Builder b, String name, String value) {
        try {
            b.header(name, value);
        } catch (IllegalArgumentException e) {
            // a header the HTTP client sets itself or refuses: not forwarded
        }
    }

    private static HttpClient client(boolean verifyCertificates) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(CONNECT_TIMEOUT);
        if (!verifyCertificates) {
            b.sslContext(TrustingTls.context());
        }
        return b.build();
    }
}
