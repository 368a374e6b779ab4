package dev.gatehouse.web;

import dev.gatehouse.config.ListenAddress;
import dev.gatehouse.crypto.SelfSignedCertificate;
import dev.gatehouse.web.http10.ListenerProtocols;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The Helidon web server: one plain HTTP listener and one HTTPS listener serving the same routes, each speaking
 * HTTP/1.1 and HTTP/1.0 (nginx's default towards upstreams; see {@link ListenerProtocols}).
 * Bodies are capped at 1 MiB; stopping lets in-flight requests finish within the grace period. Connections are
 * TCP_NODELAY: a response written in more than one piece is not held back ~40 ms by the client's delayed ACK.
 */
public final class HttpServer {
    public static final String HTTPS_SOCKET = "https";
    /**
     * Helidon's own hard limit, well above the API's 1 MiB: bodies between the two get the API's JSON 413
     * ({@link ApiEndpoint#MAX_BODY}); larger ones are refused by Helidon before they are read.
     */
    static final long TRANSPORT_MAX_PAYLOAD = 16L * 1024 * 1024;
    private final WebServer server;
    private final ListenAddress http;
    private final ListenAddress https;

    public HttpServer(ListenAddress http, ListenAddress https, SelfSignedCertificate certificate,
                      Consumer<HttpRouting.Builder> routes) {
        this.http = http;
        this.https = https;
        Tls tls = Tls.builder()
                .sslContext(ServerTlsContext.of(certificate.privateKey(),
                        new java.security.cert.X509Certificate[] {certificate.certificate()}))
                .build();
        this.server = WebServer.builder()
                .shutdownHook(false)
                .host(http.host())
                .port(http.port())
                .protocolsDiscoverServices(false)
                .connectionSelectors(ListenerProtocols.selectors(WebServer.DEFAULT_SOCKET_NAME))
                .maxPayloadSize(TRANSPORT_MAX_PAYLOAD)
                .connectionOptions(o -> o.tcpNoDelay(true))
                .shutdownGracePeriod(Duration.ofSeconds(10))
                .routing(routing(routes))
                .putSocket(HTTPS_SOCKET, s -> s.host(https.host()).port(https.port()).tls(tls)
                        .protocolsDiscoverServices(false)
                        .connectionSelectors(ListenerProtocols.selectors(HTTPS_SOCKET))
                        .maxPayloadSize(TRANSPORT_MAX_PAYLOAD)
                        .connectionOptions(o -> o.tcpNoDelay(true))
                        .shutdownGracePeriod(Duration.ofSeconds(10))
                        .routing(routing(routes)))
                .build();
    }

    private static HttpRouting.Builder routing(Consumer<HttpRouting.Builder> routes) {
        HttpRouting.Builder b = HttpRouting.builder();
        b.addFilter((chain, req, res) -> {
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            res.header("Referrer-Policy", "same-origin");
            chain.proceed();
        });
        routes.accept(b);
        return b;
    }

    /**
     * Binds both listeners. Helidon logs a listener that cannot bind and carries on without it, so the
     * addresses are tried first (a clear {@link ConfigException} naming the key) and the result is checked.
     */
    public HttpServer start() {
        ensureBindable(http, "GATEHOUSE_LISTEN__HTTP");
        ensureBindable(https, "GATEHOUSE_LISTEN__HTTPS");
        server.start();
        if (!server.isRunning() || server.port() <= 0 || server.port(HTTPS_SOCKET) <= 0) {
            server.stop();
            throw new IllegalStateException("the web server could not open its listeners on " + http + " and " + https);
        }
        return this;
    }

    private static void ensureBindable(ListenAddress address, String key) {
        if (address.port() == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(address.host(), address.port()));
        } catch (java.io.IOException e) {
            throw new dev.gatehouse.config.ConfigException(key, "cannot listen on " + address + ": " + e.getMessage());
        }
    }

    public int httpPort() {
        return server.port();
    }

    public int httpsPort() {
        return server.port(HTTPS_SOCKET);
    }

    public void stop() {
        server.stop();
    }
}
