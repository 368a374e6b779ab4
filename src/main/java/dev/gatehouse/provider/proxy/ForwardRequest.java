package dev.gatehouse.provider.proxy;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The request a reverse proxy asks about, as its adapter read it: the original method and URL (scheme,
 * {@code host[:port]}, raw path and query), the browser's cookies and {@code Authorization}, the client's IP
 * and user agent, and the base URL this server was reached at (for links when no {@code authentik_host} is
 * configured). {@code forged} names the identity headers the client sent itself (never trusted).
 */
public record ForwardRequest(String method, String scheme, String authority, String uri, String cookieHeader,
                             String authorization, Supplier<String> clientIpSource, String userAgent, String serverBase,
                             java.util.List<String> forged) {

    /** The client's IP address (resolved when asked: a cached answer never needs it). */
    public String clientIp() {
        return clientIpSource.get();
    }

    /** The raw path without the query. */
    public String path() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    /** The original URL as the browser asked for it. */
    public String url() {
        return scheme + "://" + authority + uri;
    }

    /** {@link #url} parsed; null when it is not a valid URI. */
    public URI parsedUrl() {
        try {
            return new URI(url());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
