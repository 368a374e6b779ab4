package dev.gatehouse.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets bound to one local address before they connect: a client on {@code 127.0.0.2} is another machine to the
 * server (Linux routes all of 127/8 to loopback).
 */
public final class LocalSocketFactory extends SocketFactory {
    private final InetAddress local;

    public LocalSocketFactory(InetAddress local) {
        this.local = local;
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new Socket(host, port, local, 0);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return new Socket(host, port, local, 0);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return new Socket(host, port, local, 0);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return new Socket(address, port, local, 0);
    }
}
