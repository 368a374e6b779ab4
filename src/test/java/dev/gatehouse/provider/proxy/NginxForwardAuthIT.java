package dev.gatehouse.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.provider.proxy.ProxyTestServer.ProxyApp;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Forward auth behind Debian's nginx with authentik's standalone nginx recipe ({@link ProxyRecipes}): the
 * scenarios of {@link ForwardAuthScenarios}, where a browser without a session gets nginx's own 302 to
 * {@code /outpost.goauthentik.io/start?rd=<the URL>} (Gatehouse answered the {@code auth_request} sub-request with
 * 401, which {@code error_page 401 = @goauthentik_proxy_signin} turns into that redirect), and {@code /start}, proxied
 * to Gatehouse, sends it on to the authorize endpoint.
 */
class NginxForwardAuthIT extends ForwardAuthScenarios {
    private NginxServer nginx;

    @Override
    protected void startProxy(List<String> plainHosts, List<String> basicHosts) throws Exception {
        StringBuilder http = new StringBuilder(ProxyRecipes.nginxMaps());
        for (String h : plainHosts) {
            http.append(ProxyRecipes.nginxServer(h, port, gatehouse.outpost(), upstreamOf(h), false));
        }
        for (String h : basicHosts) {
            http.append(ProxyRecipes.nginxServer(h, port, gatehouse.outpost(), upstreamOf(h), true));
        }
        NginxServer server = NginxServer.create(port);
        try {
            server.start(http.toString());
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        nginx = server;
    }

    @Override
    protected void stopProxy() throws Exception {
        if (nginx != null) {
            try (NginxServer n = nginx) {
                assertThat(n.stop()).as(n.logs()).isZero();
            }
        }
    }

    @Override
    protected String proxyLogs() {
        return nginx == null ? "" : nginx.logs();
    }

    /**
     * nginx's 302 to {@code /start?rd=} (the recipe does not encode rd), after Gatehouse answered the same sub-request
     * nginx makes (Host, X-Original-URL, the browser's cookies) with 401; then {@code /start} through nginx.
     */
    @Override
    protected URI assertSentToSignIn(Curl.Response response, ProxyApp app, String url, Curl curl) {
        assertThat(response.status()).as("%s\n%s\n%s", response, gatehouse.stderr(), proxyLogs()).isEqualTo(302);
        assertThat(response.header("Location")).contains(app.url(START + "?rd=" + url));

        String cookies = curl.cookies().stream().filter(c -> c.domain().equals(URI.create(url).getHost()))
                .map(c -> c.name() + "=" + c.value()).collect(Collectors.joining("; "));
        Curl.Response auth = browser().get(gatehouse.outpost() + "/outpost.goauthentik.io/auth/nginx",
                "Host: " + app.authority(), "X-Original-URL: " + url, "Cookie: " + cookies);
        assertThat(auth.status()).as("Gatehouse's answer to nginx's sub-request\n%s", auth).isEqualTo(401);

        Curl.Response start = curl.get(response.location().toString());
        assertThat(start.status()).as("%s\n%s", start, gatehouse.stderr()).isEqualTo(302);
        return start.location();
    }

    @Override
    protected List<String> identityHeaders() {
        return ProxyRecipes.NGINX_RECIPE_HEADERS;
    }
}
