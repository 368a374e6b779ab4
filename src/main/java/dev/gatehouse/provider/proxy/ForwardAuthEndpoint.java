package dev.gatehouse.provider.proxy;

import dev.gatehouse.store.QueryCounter;
import dev.gatehouse.web.RequestOrigins;
import dev.gatehouse.web.RouteName;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /outpost.goauthentik.io/auth/traefik}, {@code /auth/caddy}, {@code /auth/nginx} and
 * {@code /auth/envoy/...} (any method): the adapter reads the original request, {@link ForwardAuth} decides,
 * and the answer is written in the proxy's terms (302 or 401 to sign in). A proxy that does not send the
 * original URL gets a 500 naming what is missing and a {@code configuration_error} event. Every statement run
 * while answering counts in {@code gatehouse_forward_auth_db_queries_total} (none for a cached session).
 */
public final class ForwardAuthEndpoint {
    public static final List<ProxyAdapter> ADAPTERS = List.of(TraefikAdapter.TRAEFIK, TraefikAdapter.CADDY,
            NginxAdapter.NGINX, EnvoyAdapter.ENVOY);
    private final ForwardAuth auth;
    private final RequestOrigins origins;
    private final ProxyResponses responses;
    private final ProxyEvents events;
    private final Counter queries;

    ForwardAuthEndpoint(ForwardAuth auth, RequestOrigins origins, ProxyResponses responses, ProxyEvents events,
                        Counter queries) {
        this.auth = auth;
        this.origins = origins;
        this.responses = responses;
        this.events = events;
        this.queries = queries;
    }

    public void register(HttpRouting.Builder routing) {
        for (ProxyAdapter a : ADAPTERS) {
            RouteName name = new RouteName(a.route());
            routing.any(a.route(), (req, res) -> handle(a, name, req, res));
            if (a == EnvoyAdapter.ENVOY) {
                routing.any(a.route() + "/*", (req, res) -> handle(a, name, req, res));
            }
        }
    }

    private void handle(ProxyAdapter adapter, RouteName name, ServerRequest req, ServerResponse res) {
        req.context().register(name);
        ScopedValue.where(QueryCounter.SCOPE, queries).run(() -> answer(adapter, req, res));
    }

    private void answer(ProxyAdapter adapter, ServerRequest req, ServerResponse res) {
        java.util.function.Supplier<String> ip = () -> origins.of(req).clientIp();
        ProxyAdapter.Original original = adapter.read(req);
        if (original instanceof ProxyAdapter.Original.Missing m) {
            List<String> names = new ArrayList<>();
            req.headers().forEach(h -> names.add(h.name()));
            events.misconfigured(adapter.name(), m.message(), req.path().rawPath(), names, ip.get());
            ProxyResponses.text(res, 500, "Gatehouse forward auth configuration error: " + m.message());
            return;
        }
        ProxyAdapter.Original.Read o = (ProxyAdapter.Original.Read) original;
        ForwardRequest r = new ForwardRequest(o.method(), o.scheme(), o.authority(), o.uri(),
                req.headers().first(HeaderNames.COOKIE).orElse(null),
                req.headers().first(HeaderNames.AUTHORIZATION).orElse(null), ip,
                req.headers().first(HeaderNames.USER_AGENT).orElse(null), origins.of(req).baseUrl(),
                IdentityHeaders.forged(req.headers()));
        switch (auth.decide(r)) {
            case ForwardAuth.Decision.Allow a -> {
                for (Header h : a.headers()) {
                    res.header(h);
                }
                res.send();
            }
            case ForwardAuth.Decision.Anonymous x -> res.send();
            case ForwardAuth.Decision.Denied d -> responses.page(res, 403, "Access denied", d.message());
            case ForwardAuth.Decision.SignIn s -> {
                if (adapter.redirectsToSignIn()) {
                    ProxyResponses.redirect(res, s.location(), List.of());
                } else {
                    ProxyResponses.text(res, 401, "unauthorized request");
                }
            }
            case ForwardAuth.Decision.Unauthenticated u -> {
                res.header(HeaderNames.WWW_AUTHENTICATE, "Basic realm=\"gatehouse\"");
                ProxyResponses.text(res, 401, u.message());
            }
            case ForwardAuth.Decision.UnknownHost h -> ProxyResponses.noApp(res);
            case ForwardAuth.Decision.Refused p -> ProxyResponses.text(res, 400, p.reason());
            case ForwardAuth.Decision.Forged f -> {
                events.forged(adapter.name(), r.authority(), f.names(), r.clientIp());
                ProxyResponses.text(res, 400, "The request carries identity headers set by the client ("
                        + String.join(", ", f.names()) + "); they are never passed on as Gatehouse's.");
            }
        }
    }
}
