package dev.gatehouse.provider.proxy;

import io.helidon.webserver.http.ServerRequest;

/**
 * Envoy's {@code ext_authz} HTTP service with {@code path_prefix: /outpost.goauthentik.io/auth/envoy}: the
 * original method, path and query arrive as this request's own (after the prefix), the original host as
 * {@code Host} (or {@code X-Forwarded-Host}) and the scheme as {@code X-Forwarded-Proto}. Envoy hands a denied
 * check's answer to the browser, so sign-in is a 302.
 */
public final class EnvoyAdapter implements ProxyAdapter {
    public static final EnvoyAdapter ENVOY = new EnvoyAdapter();
    static final String PREFIX = ProxyProvider.PREFIX + "/auth/envoy";

    private EnvoyAdapter() {
    }

    @Override
    public String name() {
        return "envoy";
    }

    @Override
    public String route() {
        return PREFIX;
    }

    @Override
    public boolean redirectsToSignIn() {
        return true;
    }

    @Override
    public Original read(ServerRequest req) {
        String host = ForwardedHeaders.host(req);
        if (host == null) {
            return new Original.Missing("The reverse proxy did not send the original Host: Envoy's ext_authz must "
                    + "keep the request's :authority when it calls " + PREFIX + ".");
        }
        String raw = req.path().rawPath();
        String path = raw.length() > PREFIX.length() ? raw.substring(PREFIX.length()) : "/";
        String query = req.query().rawValue();
        String proto = ForwardedHeaders.firstOfList(req, ForwardedHeaders.PROTO);
        return new Original.Read(req.prologue().method().text(), proto != null ? proto : "http", host,
                query.isEmpty() ? path : path + "?" + query);
    }
}
