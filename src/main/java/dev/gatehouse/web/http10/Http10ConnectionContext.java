package dev.gatehouse.web.http10;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.spi.ServerConnection;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * A connection's context with the HTTP/1.0 adaptations of its reader and writer (everything else is the
 * socket's), and the connection serving it, which is stopped after its first request.
 */
final class Http10ConnectionContext implements ConnectionContext {
    private final ConnectionContext socket;
    private final DataReader reader;
    private final DataWriter writer;
    private ServerConnection connection;

    Http10ConnectionContext(ConnectionContext socket, DataReader reader, DataWriter writer) {
        this.socket = socket;
        this.reader = reader;
        this.writer = writer;
    }

    /** The connection that serves this context; called once, before it handles anything. */
    void servedBy(ServerConnection connection) {
        this.connection = connection;
    }

    /**
     * A request has started: no further one is read after it. Helidon's HTTP/1 connection finishes the request
     * in hand (the close is not an interrupt, as it is not waiting for a request line) and then ends.
     */
    void lastRequestStarted() {
        connection.close(false);
    }

    @Override
    public DataReader dataReader() {
        return reader;
    }

    @Override
    public DataWriter dataWriter() {
        return writer;
    }

    @Override
    public ListenerContext listenerContext() {
        return socket.listenerContext();
    }

    @Override
    public ExecutorService executor() {
        return socket.executor();
    }

    @Override
    public Router router() {
        return socket.router();
    }

    @Override
    public Optional<ProxyProtocolData> proxyProtocolData() {
        return socket.proxyProtocolData();
    }

    @Override
    public HelidonSocket serverSocket() {
        return socket.serverSocket();
    }

    @Override
    public PeerInfo remotePeer() {
        return socket.remotePeer();
    }

    @Override
    public PeerInfo localPeer() {
        return socket.localPeer();
    }

    @Override
    public boolean isSecure() {
        return socket.isSecure();
    }

    @Override
    public String socketId() {
        return socket.socketId();
    }

    @Override
    public String childSocketId() {
        return socket.childSocketId();
    }
}
