package dev.gatehouse.web;

import dev.gatehouse.config.ListenAddress;
import dev.gatehouse.crypto.SelfSignedCertificate;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Helidon web server: one plain HTTP listener and one HTTPS listener serving the same routes.
 * Bodies are capped at 1 MiB; stopping lets in-flight requests finish within the grace period.
 */
public final class HttpServer {
    public static final String HTTPS_SOCKET = "https";
    /**
     * Helidon's own hard limit, well above the API's 1 MiB: bodies between the two get the API's JSON 413
     * ({@link ApiEndpoint#MAX_BODY}); larger ones are refused by Helidon before they are read.
     */
    static final long TRANSPORT_MAX_PAYLOAD = 16L * 1024 * 1024;
    private final WebServer server;

    public HttpServer(ListenAddress http, ListenAddress https, SelfSignedCertificate certificate,
                      Consumer<HttpRouting.Builder> routes) {
        Tls tls = Tls.builder()
                .privateKey(certificate.privateKey())
                .privateKeyCertChain(List.of(certificate.certificate()))
                .build();
        this.server = WebServer.builder()
                .shutdownHook(false)
                .host(http.host())
                .port(http.port())
                .maxPayloadSize(TRANSPORT_MAX_PAYLOAD)
                .shutdownGracePeriod(Duration.ofSeconds(10))
                .routing(routing(routes))
                .putSocket(HTTPS_SOCKET, s -> s.host(https.host()).port(https.port()).tls(tls)
                        .maxPayloadSize(TRANSPORT_MAX_PAYLOAD)
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

    public HttpServer start() {
        server.start();
        return this;
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
