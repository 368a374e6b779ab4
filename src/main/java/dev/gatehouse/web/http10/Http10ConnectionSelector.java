package dev.gatehouse.web.http10;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.Bytes;
import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Takes connections whose first request line ends in {@code HTTP/1.0} (Helidon 4 answers those 505) and serves
 * them with Helidon's HTTP/1.1 connection over an adapted transport ({@link Http10ConnectionContext}): the
 * request line is presented as HTTP/1.1 with {@code Connection: close}, exactly one request is served and the
 * connection is closed after its response ({@link Http10RequestListener}), and the response reaches the client
 * without chunked framing or interim 1xx responses ({@link Http10ResponseWriter}). A missing {@code Host} header
 * is accepted (HTTP/1.0 has none); a present one is checked as strictly as Helidon checks it.
 * <p>
 * Also taken for TLS clients that negotiated the ALPN protocol {@code http/1.0} (curl offers only that one with
 * {@code --http1.0}); without it in the list, their handshake would fail.
 */
final class Http10ConnectionSelector implements ServerConnectionSelector {
    private static final byte[] HTTP_1_0_LINE_END = " HTTP/1.0\r".getBytes(StandardCharsets.US_ASCII);

    private final Http1ConnectionSelector http1;
    private final int maxPrologueLength;

    /** With Helidon's default HTTP/1 settings, like the listener's HTTP/1.1 (see {@link ListenerProtocols}). */
    Http10ConnectionSelector() {
        // (a copy of another Http1Config would carry its combined listeners, leaving out the one added here)
        Http1Config config = Http1Config.builder()
                .validateRequestHostHeader(false)
                .addReceiveListener(new Http10RequestListener())
                .build();
        // no upgraders: Upgrade is an HTTP/1.1 mechanism
        this.http1 = Http1ConnectionSelector.builder().config(config).build();
        this.maxPrologueLength = config.maxPrologueLength();
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData request) {
        int lf = request.indexOf(Bytes.LF_BYTE);
        // Helidon offers what the connection's first read brought: a request line split across reads cannot be
        // waited for (Helidon 4.5's identification then blocks for one byte more than was sent), so such a
        // connection goes to HTTP/1.1, which answers an HTTP/1.0 line 505 as before.
        return lf != -1 && endsWithHttp10(request, lf) ? Support.SUPPORTED : Support.UNSUPPORTED;
    }

    private static boolean endsWithHttp10(BufferData request, int lf) {
        int start = lf - HTTP_1_0_LINE_END.length;
        if (start < 0) {
            return false;
        }
        for (int i = 0; i < HTTP_1_0_LINE_END.length; i++) {
            if (request.get(start + i) != HTTP_1_0_LINE_END[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of("http/1.0");
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        DataReader request = DataReader.create(new Http10RequestLine(ctx.dataReader(), maxPrologueLength));
        Http10ConnectionContext http10 = new Http10ConnectionContext(ctx, request, new Http10ResponseWriter(ctx.dataWriter()));
        ServerConnection connection = http1.connection(http10);
        http10.servedBy(connection);
        return connection;
    }
}
