package dev.gatehouse.web.http10;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.Set;

/**
 * Helidon's HTTP/1.1 selector as the last one of a listener: it takes every connection the selectors before it
 * refused, as Helidon's does when it is a listener's only one, so that anything not HTTP/1.0 (including a partial
 * or malformed request line) gets Helidon's HTTP/1.1 answer as before. Helidon's selector itself refuses lines
 * that do not end in {@code HTTP/1.1} once it is not alone, and the connection would be dropped without a reply.
 */
final class Http1FallbackSelector implements ServerConnectionSelector {
    private final ServerConnectionSelector http11;

    Http1FallbackSelector(ServerConnectionSelector http11) {
        this.http11 = http11;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData request) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http11.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return http11.connection(ctx);
    }
}
