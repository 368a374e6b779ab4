package dev.gatehouse.provider.proxy;

import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Traefik's {@code forwardAuth} and Caddy's {@code forward_auth}: the original URL is {@code X-Forwarded-Proto},
 * {@code X-Forwarded-Host} and {@code X-Forwarded-Uri} (Traefik also sends {@code X-Forwarded-Method}, Caddy too
 * since 2.5). Both pass a non-2xx answer on to the browser, so sign-in is a 302.
 */
public record TraefikAdapter(String name) implements ProxyAdapter {
    public static final TraefikAdapter TRAEFIK = new TraefikAdapter("traefik");
    public static final TraefikAdapter CADDY = new TraefikAdapter("caddy");

    @Override
    public String route() {
        return ProxyProvider.PREFIX + "/auth/" + name;
    }

    @Override
    public boolean redirectsToSignIn() {
        return true;
    }

    @Override
    public Original read(ServerRequest req) {
        String proto = ForwardedHeaders.firstOfList(req, ForwardedHeaders.PROTO);
        String host = ForwardedHeaders.firstOfList(req, ForwardedHeaders.HOST);
        String uri = ForwardedHeaders.first(req, ForwardedHeaders.URI);
        if (proto == null || host == null || uri == null) {
            List<String> missing = new ArrayList<>();
            if (proto == null) {
                missing.add("X-Forwarded-Proto");
            }
            if (host == null) {
                missing.add("X-Forwarded-Host");
            }
            if (uri == null) {
                missing.add("X-Forwarded-Uri");
            }
            return new Original.Missing("The reverse proxy did not send " + String.join(", ", missing) + ": "
                    + name + " must send X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-Uri to " + route()
                    + " (Traefik: forwardAuth with trustForwardHeader; Caddy: forward_auth).");
        }
        String method = ForwardedHeaders.first(req, ForwardedHeaders.METHOD);
        return new Original.Read(method != null ? method : req.prologue().method().text(), proto, host,
                uri.startsWith("/") ? uri : "/" + uri);
    }
}
