package dev.gatehouse.provider.proxy;

import java.util.List;
import java.util.stream.Stream;

/**
 * The reverse-proxy configurations of the forward-auth tests, as the recipes give them, with only the addresses
 * changed (everything on loopback, plain HTTP):
 * <ul>
 * <li>Caddy: the {@code (authentik)} snippet of seed 002 (its {@code reverse_proxy} of the outpost paths and its
 * {@code forward_auth} with {@code uri /outpost.goauthentik.io/auth/caddy} and its {@code copy_headers} list, no
 * {@code route} around them, so Caddy's own directive order applies: {@code forward_auth} first), imported by each
 * protected site; the *arr variant adds {@code Authorization} to {@code copy_headers}, as authentik's Caddy recipe
 * says for providers that send HTTP-Basic credentials.</li>
 * <li>nginx: authentik's standalone nginx recipe ({@code auth_request /outpost.goauthentik.io/auth/nginx},
 * {@code error_page 401 = @goauthentik_proxy_signin} returning 302 to
 * {@code /outpost.goauthentik.io/start?rd=$scheme://$ak_http_host$request_uri}, {@code auth_request_set} of the
 * identity headers and of the cookie), without TLS; the *arr variant enables the recipe's commented-out
 * {@code Authorization} lines. Nothing is added: nginx speaks HTTP/1.0 to upstreams by default, which Gatehouse
 * serves (web/http10).</li>
 * </ul>
 */
final class ProxyRecipes {
    /** Seed 002's {@code copy_headers} list, in its order and capitalisation. */
    static final List<String> SEED_002_COPY_HEADERS = List.of("X-Authentik-Username", "X-Authentik-Groups",
            "X-Authentik-Email", "X-Authentik-Name", "X-Authentik-Uid", "X-Authentik-Jwt", "X-Authentik-Meta-Jwks",
            "X-Authentik-Meta-Outpost", "X-Authentik-Meta-Provider", "X-Authentik-Meta-App", "X-Authentik-Meta-Version");
    /** The headers authentik's nginx recipe passes from the auth response to the upstream. */
    static final List<String> NGINX_RECIPE_HEADERS = List.of("X-authentik-username", "X-authentik-groups",
            "X-authentik-entitlements", "X-authentik-email", "X-authentik-name", "X-authentik-uid");
    /** The Caddy snippet that imports {@link #SEED_002_COPY_HEADERS}. */
    static final String CADDY_SNIPPET = "authentik";
    /** The Caddy snippet that also copies {@code Authorization} (HTTP-Basic from the provider). */
    static final String CADDY_SNIPPET_BASIC = "authentik_basic";

    private ProxyRecipes() {
    }

    /** Both Caddy snippets, for an outpost (Gatehouse) at {@code outpost} ({@code http://127.0.0.1:<port>}). */
    static String caddySnippets(String outpost) {
        return caddySnippet(CADDY_SNIPPET, outpost, SEED_002_COPY_HEADERS)
                + caddySnippet(CADDY_SNIPPET_BASIC, outpost, concat(SEED_002_COPY_HEADERS, "Authorization"));
    }

    private static String caddySnippet(String name, String outpost, List<String> copyHeaders) {
        return """
                (%1$s) {
                \t# Always forward outpost path to actual outpost
                \treverse_proxy /outpost.goauthentik.io/* %2$s

                \t# Forward authentication to outpost
                \tforward_auth %2$s {
                \t\turi /outpost.goauthentik.io/auth/caddy

                \t\t# Capitalization of the headers is important, otherwise they will be empty
                \t\tcopy_headers %3$s
                \t}
                }
                """.formatted(name, outpost, String.join(" ", copyHeaders));
    }

    /** A site protected by a snippet: {@code http://<host>:<port>}, then the app at {@code upstream}. */
    static String caddyProtectedSite(String host, int port, String snippet, String upstream) {
        return """
                http://%s:%d {
                \timport %s
                \treverse_proxy %s
                }
                """.formatted(host, port, snippet, upstream);
    }

    /** A site that is only a reverse proxy to {@code upstream} (e.g. Gatehouse itself on its own host name). */
    static String caddyPlainSite(String host, int port, String upstream) {
        return """
                http://%s:%d {
                \treverse_proxy %s
                }
                """.formatted(host, port, upstream);
    }

    /** The {@code map}s authentik's nginx recipe puts in the {@code http} block (once per configuration). */
    static String nginxMaps() {
        return """
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
                """;
    }

    /**
     * authentik's nginx server for {@code host} on {@code 127.0.0.1:<port>}: the app at {@code upstream}, the outpost
     * (Gatehouse) at {@code outpost} ({@code http://127.0.0.1:<port>}); {@code basicAuth} enables the recipe's
     * {@code Authorization} lines.
     */
    static String nginxServer(String host, int port, String outpost, String upstream, boolean basicAuth) {
        String basic = basicAuth ? """

                        # This section should be uncommented when the "Send HTTP Basic authentication" option
                        # is enabled in the proxy provider
                        auth_request_set $authentik_auth $upstream_http_authorization;
                        proxy_set_header Authorization $authentik_auth;
                """ : "";
        return """
                server {
                    listen                  127.0.0.1:%2$d;
                    server_name             %1$s;

                    # Increase buffer size for large headers
                    proxy_buffers 8 16k;
                    proxy_buffer_size 32k;

                    location / {
                        proxy_pass http://%4$s;
                        proxy_set_header Host $http_host;
                        # Support for websocket
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade_keepalive;

                        ##############################
                        # authentik-specific config
                        ##############################
                        auth_request     /outpost.goauthentik.io/auth/nginx;
                        error_page       401 = @goauthentik_proxy_signin;
                        auth_request_set $auth_cookie $upstream_http_set_cookie;
                        add_header       Set-Cookie $auth_cookie;

                        # translate headers from the outposts back to the actual upstream
                        auth_request_set $authentik_username $upstream_http_x_authentik_username;
                        auth_request_set $authentik_groups $upstream_http_x_authentik_groups;
                        auth_request_set $authentik_entitlements $upstream_http_x_authentik_entitlements;
                        auth_request_set $authentik_email $upstream_http_x_authentik_email;
                        auth_request_set $authentik_name $upstream_http_x_authentik_name;
                        auth_request_set $authentik_uid $upstream_http_x_authentik_uid;

                        proxy_set_header X-authentik-username $authentik_username;
                        proxy_set_header X-authentik-groups $authentik_groups;
                        proxy_set_header X-authentik-entitlements $authentik_entitlements;
                        proxy_set_header X-authentik-email $authentik_email;
                        proxy_set_header X-authentik-name $authentik_name;
                        proxy_set_header X-authentik-uid $authentik_uid;
                %5$s    }

                    # all requests to /outpost.goauthentik.io must be accessible without authentication
                    location /outpost.goauthentik.io {
                        proxy_pass              %3$s/outpost.goauthentik.io;
                        # Note: ensure the Host header matches your external authentik URL:
                        proxy_set_header        Host $ak_http_host;

                        proxy_set_header        X-Original-URL $scheme://$ak_http_host$request_uri;
                        add_header              Set-Cookie $auth_cookie;
                        auth_request_set        $auth_cookie $upstream_http_set_cookie;
                        proxy_pass_request_body off;
                        proxy_set_header        Content-Length "";
                    }

                    # Special location for when the /auth endpoint returns a 401,
                    # redirect to the /start URL which initiates SSO
                    location @goauthentik_proxy_signin {
                        internal;
                        add_header Set-Cookie $auth_cookie;
                        return 302 /outpost.goauthentik.io/start?rd=$scheme://$ak_http_host$request_uri;
                    }
                }
                """.formatted(host, port, outpost, upstream, basic);
    }

    private static List<String> concat(List<String> list, String more) {
        return Stream.concat(list.stream(), Stream.of(more)).toList();
    }
}
