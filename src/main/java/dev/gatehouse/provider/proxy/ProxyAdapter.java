package dev.gatehouse.provider.proxy;

import io.helidon.webserver.http.ServerRequest;

/**
 * What differs between reverse proxies (DESIGN.md point 12): how the original request's URL arrives, and how
 * "sign in first" is said — a redirect the proxy passes to the browser (Traefik, Caddy, Envoy) or a 401 the
 * proxy turns into its own redirect to {@code /outpost.goauthentik.io/start} (nginx's {@code error_page}).
 * Everything else is the one shared decision ({@link ForwardAuth}).
 */
public interface ProxyAdapter {
    /** The adapter's name in paths, events and metrics ({@code traefik}, {@code caddy}, {@code nginx}, {@code envoy}). */
    String name();

    /** The route this adapter answers at (Envoy's is a prefix: the original path follows it). */
    String route();

    /** Whether a browser that must sign in gets a 302 (true) or a 401 (false). */
    boolean redirectsToSignIn();

    /** The original URL's parts from the request, or why they cannot be read (a misconfigured proxy). */
    Original read(ServerRequest req);

    /** The original method, scheme, authority and raw path with query — or the problem. */
    sealed interface Original {
        record Read(String method, String scheme, String authority, String uri) implements Original {
        }

        record Missing(String message) implements Original {
        }
    }
}
