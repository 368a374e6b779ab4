package dev.gatehouse.web.admin.applications;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reverse-proxy configurations for a forward-auth provider, ready to paste, with the real addresses filled
 * in: a Traefik {@code forwardAuth} middleware (seed 004's {@code dynamic_config.yml}), the Caddy
 * {@code forward_auth} snippet (seed 002, authentik's Caddy recipe) and authentik's nginx {@code auth_request}
 * recipe. They are the recipes of {@code docs/forward-auth.md}, with Gatehouse at {@code gatehouse} (the URL the
 * reverse proxy reaches Gatehouse at), the application at {@code externalHost}, and its upstream left as
 * {@link #UPSTREAM} for the operator to replace.
 *
 * @param gatehouse    Gatehouse's base URL, e.g. {@code https://auth.example.com} (no trailing slash)
 * @param externalHost the provider's external host: the application (single) or the authentication URL (domain)
 * @param cookieDomain domain mode's cookie domain, or null for single-application mode
 * @param basicAuth    whether the provider sends {@code Authorization: Basic}, which the proxy must then pass on
 */
public record ForwardAuthSnippets(String gatehouse, String externalHost, String cookieDomain, boolean basicAuth) {
    /** Where the protected application itself listens: the one value every snippet leaves to the operator. */
    public static final String UPSTREAM = "app:8080";
    /** The identity headers Traefik passes on ({@code authResponseHeaders}), as docs/forward-auth.md lists them. */
    public static final List<String> TRAEFIK_HEADERS = List.of("X-authentik-username", "X-authentik-groups",
            "X-authentik-entitlements", "X-authentik-email", "X-authentik-name", "X-authentik-uid", "X-authentik-jwt",
            "X-authentik-meta-jwks", "X-authentik-meta-outpost", "X-authentik-meta-provider", "X-authentik-meta-app",
            "X-authentik-meta-version");
    /** Seed 002's {@code copy_headers}, in its capitalisation (Caddy copies only these). */
    public static final List<String> CADDY_HEADERS = List.of("X-Authentik-Username", "X-Authentik-Groups",
            "X-Authentik-Email", "X-Authentik-Name", "X-Authentik-Uid", "X-Authentik-Jwt", "X-Authentik-Meta-Jwks",
            "X-Authentik-Meta-Outpost", "X-Authentik-Meta-Provider", "X-Authentik-Meta-App", "X-Authentik-Meta-Version");
    /** The headers authentik's nginx recipe hands from the auth response to the upstream. */
    public static final List<String> NGINX_HEADERS = List.of("username", "groups", "entitlements", "email", "name", "uid");

    public ForwardAuthSnippets {
        gatehouse = trimSlash(gatehouse);
        externalHost = trimSlash(externalHost);
        cookieDomain = cookieDomain == null || cookieDomain.isBlank() ? null : cookieDomain.replaceFirst("^\\.", "");
    }

    private static String trimSlash(String url) {
        return url == null ? "" : url.strip().replaceAll("/+$", "");
    }

    public boolean domainMode() {
        return cookieDomain != null;
    }

    /** The host name of the protected site: the external host (single), or an example host under the cookie domain. */
    public String appHost() {
        return domainMode() ? "app." + cookieDomain : host(externalHost);
    }

    /** The protected site's address in Caddy's syntax: a bare name for https on 443, else scheme://host:port. */
    String caddySite(String hostName) {
        URI u = uri(externalHost);
        String scheme = u == null || u.getScheme() == null ? "https" : u.getScheme().toLowerCase(Locale.ROOT);
        int port = u == null ? -1 : u.getPort();
        if ("https".equals(scheme) && (port == -1 || port == 443)) {
            return hostName;
        }
        return scheme + "://" + hostName + (port == -1 ? "" : ":" + port);
    }

    /** Seed 004's Traefik middleware (file provider, {@code dynamic_config.yml}), and the route sign-in needs. */
    public String traefik() {
        StringBuilder s = new StringBuilder();
        s.append("http:\n");
        s.append("  middlewares:\n");
        s.append("    gatehouse:\n");
        s.append("      forwardAuth:\n");
        s.append("        address: ").append(gatehouse).append("/outpost.goauthentik.io/auth/traefik\n");
        s.append("        trustForwardHeader: true\n");
        s.append("        authResponseHeaders:\n");
        for (String h : withBasic(TRAEFIK_HEADERS, "Authorization")) {
            s.append("          - ").append(h).append('\n');
        }
        if (!domainMode()) {
            s.append("  routers:\n");
            s.append("    # sign-in starts at /outpost.goauthentik.io/ on the application's host: route it to Gatehouse\n");
            s.append("    gatehouse-outpost:\n");
            s.append("      rule: Host(`").append(appHost()).append("`) && PathPrefix(`/outpost.goauthentik.io/`)\n");
            s.append("      service: gatehouse\n");
            s.append("  services:\n");
            s.append("    gatehouse:\n");
            s.append("      loadBalancer:\n");
            s.append("        servers:\n");
            s.append("          - url: ").append(gatehouse).append('\n');
        }
        s.append("# then on each protected router: traefik.http.routers.<app>.middlewares=gatehouse@file\n");
        return s.toString();
    }

    /** Seed 002's {@code (gatehouse)} snippet, then the protected site importing it. */
    public String caddy() {
        StringBuilder s = new StringBuilder();
        s.append("(gatehouse) {\n");
        s.append("\t# Always forward outpost path to actual outpost\n");
        s.append("\treverse_proxy /outpost.goauthentik.io/* ").append(gatehouse).append('\n');
        s.append('\n');
        s.append("\t# Forward authentication to outpost\n");
        s.append("\tforward_auth ").append(gatehouse).append(" {\n");
        s.append("\t\turi /outpost.goauthentik.io/auth/caddy\n");
        s.append('\n');
        s.append("\t\t# Capitalization of the headers is important, otherwise they will be empty\n");
        s.append("\t\tcopy_headers ").append(String.join(" ", withBasic(CADDY_HEADERS, "Authorization"))).append('\n');
        s.append("\t}\n");
        s.append("}\n");
        s.append('\n');
        if (domainMode()) {
            if (!host(externalHost).equalsIgnoreCase(host(gatehouse))) {
                s.append("# the authentication URL reaches Gatehouse\n");
                s.append(caddySite(host(externalHost))).append(" {\n");
                s.append("\treverse_proxy ").append(gatehouse).append('\n');
                s.append("}\n\n");
            }
            s.append("# every site under ").append(cookieDomain).append(" imports the snippet, for example:\n");
        }
        s.append(caddySite(appHost())).append(" {\n");
        s.append("\timport gatehouse\n");
        s.append("\treverse_proxy ").append(UPSTREAM).append('\n');
        s.append("}\n");
        return s.toString();
    }

    /** authentik's nginx recipe for the protected site ({@code auth_request /outpost.goauthentik.io/auth/nginx}). */
    public String nginx() {
        StringBuilder s = new StringBuilder();
        s.append("""
                # in the http block
                # Upgrade WebSocket if requested, otherwise use keepalive
                map $http_upgrade $connection_upgrade_keepalive {
                    default upgrade;
                    ''      '';
                }

                # Preserve an explicit Host header, including a non-standard port.
                # Fall back to $host when no Host header is present, such as with HTTP/3.
                map $http_host $ak_http_host {
                    default $http_host;
                    ''      $host;
                }

                server {
                """);
        boolean https = externalHost.toLowerCase(Locale.ROOT).startsWith("https:");
        URI u = uri(externalHost);
        int port = u == null || u.getPort() == -1 ? (https ? 443 : 80) : u.getPort();
        s.append("    listen                  ").append(port).append(https ? " ssl;\n" : ";\n");
        s.append("    server_name             ").append(appHost()).append(";\n");
        if (https) {
            s.append("    # ssl_certificate ... ;\n");
        }
        s.append("""

                    # Increase buffer size for large headers
                    proxy_buffers 8 16k;
                    proxy_buffer_size 32k;

                    location / {
                """);
        s.append("        proxy_pass http://").append(UPSTREAM).append(";\n");
        s.append("""
                        proxy_set_header Host $http_host;
                        # Support for websocket
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade_keepalive;

                        auth_request     /outpost.goauthentik.io/auth/nginx;
                        error_page       401 = @goauthentik_proxy_signin;
                        auth_request_set $auth_cookie $upstream_http_set_cookie;
                        add_header       Set-Cookie $auth_cookie;

                        # translate headers from the outpost back to the actual upstream
                """);
        for (String h : NGINX_HEADERS) {
            s.append("        auth_request_set $authentik_").append(h).append(" $upstream_http_x_authentik_").append(h).append(";\n");
        }
        s.append('\n');
        for (String h : NGINX_HEADERS) {
            s.append("        proxy_set_header X-authentik-").append(h).append(" $authentik_").append(h).append(";\n");
        }
        String basic = basicAuth ? "" : "# ";
        s.append('\n');
        s.append("        # With \"basic_auth_enabled\" on the provider:\n");
        s.append("        ").append(basic).append("auth_request_set $authentik_auth $upstream_http_authorization;\n");
        s.append("        ").append(basic).append("proxy_set_header Authorization $authentik_auth;\n");
        s.append("""
                    }

                    # all requests to /outpost.goauthentik.io must be accessible without authentication
                    location /outpost.goauthentik.io {
                """);
        s.append("        proxy_pass              ").append(gatehouse).append("/outpost.goauthentik.io;\n");
        s.append("""
                        # ensure the Host header matches your external URL
                        proxy_set_header        Host $ak_http_host;

                        proxy_set_header        X-Original-URL $scheme://$ak_http_host$request_uri;
                        add_header              Set-Cookie $auth_cookie;
                        auth_request_set        $auth_cookie $upstream_http_set_cookie;
                        proxy_pass_request_body off;
                        proxy_set_header        Content-Length "";
                    }

                    # when the auth endpoint returns 401, redirect to /start, which initiates sign-in
                    location @goauthentik_proxy_signin {
                        internal;
                        add_header Set-Cookie $auth_cookie;
                        return 302 /outpost.goauthentik.io/start?rd=$scheme://$ak_http_host$request_uri;
                    }
                }
                """);
        return s.toString();
    }

    private List<String> withBasic(List<String> headers, String authorization) {
        List<String> out = new ArrayList<>(headers);
        if (basicAuth) {
            out.add(authorization);
        }
        return out;
    }

    private static URI uri(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String host(String url) {
        URI u = uri(url);
        return u == null || u.getHost() == null ? url : u.getHost();
    }
}
