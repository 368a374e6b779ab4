package dev.gatehouse.provider.proxy;

import io.helidon.webserver.http.ServerRequest;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * nginx's {@code auth_request} (authentik's recipe): the original URL is {@code X-Original-URL} (absolute), or
 * {@code X-Original-URI} (path and query) with the host from {@code X-Forwarded-Host} or {@code Host}. nginx
 * passes only 2xx, 401 and 403 from the subrequest, so sign-in is a 401 its {@code error_page} turns into a
 * redirect to {@code /outpost.goauthentik.io/start?rd=...}.
 */
public final class NginxAdapter implements ProxyAdapter {
    public static final NginxAdapter NGINX = new NginxAdapter();

    private NginxAdapter() {
    }

    @Override
    public String name() {
        return "nginx";
    }

    @Override
    public String route() {
        return ProxyProvider.PREFIX + "/auth/nginx";
    }

    @Override
    public boolean redirectsToSignIn() {
        return false;
    }

    @Override
    public Original read(ServerRequest req) {
        String method = req.prologue().method().text();
        String url = ForwardedHeaders.first(req, ForwardedHeaders.ORIGINAL_URL);
        if (url != null) {
            try {
                URI u = new URI(url);
                if (u.getScheme() != null && u.getRawAuthority() != null) {
                    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
                    return new Original.Read(method, u.getScheme(), u.getRawAuthority(),
                            u.getRawQuery() == null ? path : path + "?" + u.getRawQuery());
                }
            } catch (URISyntaxException e) {
                return new Original.Missing("X-Original-URL is not a URL: set it to $scheme://$http_host$request_uri.");
            }
        }
        String uri = ForwardedHeaders.first(req, ForwardedHeaders.ORIGINAL_URI);
        String host = ForwardedHeaders.host(req);
        if (uri == null || host == null) {
            return new Original.Missing("The reverse proxy did not send X-Original-URL (or X-Original-URI with Host): "
                    + "nginx must set proxy_set_header X-Original-URL $scheme://$http_host$request_uri for "
                    + route() + ".");
        }
        String proto = ForwardedHeaders.firstOfList(req, ForwardedHeaders.PROTO);
        return new Original.Read(method, proto != null ? proto : "http", host, uri.startsWith("/") ? uri : "/" + uri);
    }
}
