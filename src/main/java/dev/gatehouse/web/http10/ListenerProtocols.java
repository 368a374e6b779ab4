package dev.gatehouse.web.http10;

import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.util.List;

/**
 * The connection selectors of a Gatehouse listener: HTTP/1.0 first ({@link Http10ConnectionSelector}), then
 * Helidon's own HTTP/1.1 as the fallback for everything else ({@link Http1FallbackSelector}). They replace
 * Helidon's protocol discovery (which would install HTTP/1.1 alone), so the listener must be built with
 * {@code protocolsDiscoverServices(false)}.
 */
public final class ListenerProtocols {
    private ListenerProtocols() {
    }

    /** The selectors for the listener named {@code socketName}, both with Helidon's default HTTP/1 settings. */
    public static List<ServerConnectionSelector> selectors(String socketName) {
        Http1Config http1 = Http1Config.create();
        // what Helidon's discovery would create (including any HTTP/1.1 upgraders on the class path)
        ServerConnectionSelector http11 = new Http1ConnectionProvider()
                .create(socketName, http1, ProtocolConfigs.create(List.of()));
        return List.of(new Http10ConnectionSelector(), new Http1FallbackSelector(http11));
    }
}
