package dev.gatehouse.provider.ldap;

import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerConfig;
import com.unboundid.ldap.listener.LDAPListenerExceptionHandler;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.listener.StartTLSRequestHandler;
import com.unboundid.ldap.sdk.LDAPException;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.ListenAddress;
import dev.gatehouse.core.Installation;
import dev.gatehouse.crypto.certificatekeypairs.CertificateKeyPairService;
import dev.gatehouse.flow.engine.FlowExecutor;
import dev.gatehouse.flow.engine.FlowPlanner;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;

/**
 * The embedded LDAP outpost: UnboundID {@link LDAPListener}s on the LDAP address (StartTLS, RFC 4511 4.14) and the
 * LDAPS address, running while at least one LDAP provider is served (in the embedded outpost's list or an LDAP
 * outpost's). Started with the server and re-checked after every definition change (here or, through the
 * {@link ChangeFeed}, in another process), which also restarts them when the TLS certificate changes. Each
 * listener bounds the message size and the number of connections; a connection that sends malformed BER or an
 * oversize message is closed by UnboundID without affecting the others.
 */
public final class LdapOutpost implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LdapOutpost.class.getName());
    /** Largest LDAP message accepted (a bind or search request is a few hundred bytes). */
    static final int MAX_MESSAGE_BYTES = 128 * 1024;
    /** Connections per listener; more are refused at accept. */
    static final int MAX_CONNECTIONS = 4096;

    private final Database db;
    private final GatehouseConfig config;
    private final CertificateKeyPairService keyPairs;
    private final LdapServer server;
    private final DirectorySource directories;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private final ConnectionsPerAddress addresses;
    private final IdleConnections idle;
    private final ChangeFeed.Subscription subscription;
    private LDAPListener ldap;
    private LDAPListener ldaps;
    private String tlsIdentity;
    private boolean closed;

    private LdapOutpost(Database db, GatehouseConfig config, CertificateKeyPairService keyPairs, LdapServer server,
                        DirectorySource directories) {
        this.db = db;
        this.config = config;
        this.keyPairs = keyPairs;
        this.server = server;
        this.directories = directories;
        this.addresses = new ConnectionsPerAddress(config.ldapLimits().maxConnectionsPerIp());
        Duration idleTimeout = config.ldapLimits().idleTimeout();
        this.idle = idleTimeout == null ? null : new IdleConnections(idleTimeout);
        this.subscription = db.changes().subscribe(ChangeFeed.DEFINITIONS, key -> queueRefresh());
    }

    /** Builds the outpost and starts the listeners when an LDAP provider is served. */
    public static LdapOutpost start(Database db, GatehouseConfig config, FlowPlanner planner, FlowExecutor executor,
                                    ApplicationAccess access, SessionService sessions,
                                    CertificateKeyPairService keyPairs, Installation installation) {
        DirectorySource directories = new DirectorySource(db, new DirectoryLoader(db, installation));
        LdapBinder binder = new LdapBinder(db, new HeadlessFlow(planner, executor), access, sessions,
                new BindSessions(db, Clock.systemUTC()), Clock.systemUTC());
        LdapServer server = new LdapServer(db, binder, new LdapSearcher(directories), installation.version());
        LdapOutpost outpost = new LdapOutpost(db, config, keyPairs, server, directories);
        outpost.refresh();
        return outpost;
    }

    /** The bound LDAP (StartTLS) port, or 0 while not listening. */
    public synchronized int ldapPort() {
        return ldap == null ? 0 : ldap.getListenPort();
    }

    /** The bound LDAPS port, or 0 while not listening. */
    public synchronized int ldapsPort() {
        return ldaps == null ? 0 : ldaps.getListenPort();
    }

    private void queueRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            Thread.ofVirtual().name("ldap-outpost-refresh").start(() -> {
                refreshQueued.set(false);
                try {
                    refresh();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cannot update the LDAP listeners", e);
                }
            });
        }
    }

    /** Starts, restarts or stops the listeners to match the served providers. */
    public synchronized void refresh() {
        if (closed) {
            return;
        }
        List<LdapProvider> served = new LdapProviderStore(db.dsl()).served();
        directories.retain(served.stream().map(LdapProvider::pk).toList());
        if (served.isEmpty()) {
            stopListeners();
            return;
        }
        String identity = LdapTls.identity(served);
        if (ldap != null && identity.equals(tlsIdentity)) {
            return;
        }
        stopListeners();
        SSLContext tls = LdapTls.context(served, keyPairs, config.dataDir());
        LDAPListenerRequestHandler connections = new LdapRequestHandler(server, addresses);
        LDAPListenerRequestHandler handler = idle == null ? connections : new IdleTimeoutHandler(connections, idle);
        ldap = listen(config.ldap(), new StartTLSRequestHandler(tls.getSocketFactory(), handler), null);
        ldaps = listen(config.ldaps(), handler, tls);
        tlsIdentity = identity;
        LOG.info(() -> "LDAP listening on " + config.ldap().host() + ":" + ldap.getListenPort() + " (StartTLS) and "
                + config.ldaps().host() + ":" + ldaps.getListenPort() + " (LDAPS) for " + served.size()
                + " provider(s)");
    }

    private static LDAPListener listen(ListenAddress address, com.unboundid.ldap.listener.LDAPListenerRequestHandler
            handler, SSLContext tls) {
        LDAPListenerConfig cfg = new LDAPListenerConfig(address.port(), handler);
        try {
            cfg.setListenAddress(InetAddress.getByName(address.host()));
            cfg.setMaxMessageSizeBytes(MAX_MESSAGE_BYTES);
            cfg.setMaxConnections(MAX_CONNECTIONS);
            cfg.setExceptionHandler(QUIET);
            if (tls != null) {
                cfg.setServerSocketFactory(tls.getServerSocketFactory());
            }
            LDAPListener l = new LDAPListener(cfg);
            l.startListening();
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for LDAP on " + address, e);
        }
    }

    /** Failed or dropped connections (garbage, oversize messages, resets) are the client's business: debug log only. */
    private static final LDAPListenerExceptionHandler QUIET = new LDAPListenerExceptionHandler() {
        @Override
        public void connectionCreationFailure(Socket socket, Throwable cause) {
            LOG.fine(() -> "LDAP connection not accepted: " + cause);
        }

        @Override
        public void connectionTerminated(LDAPListenerClientConnection connection, LDAPException cause) {
            LOG.fine(() -> "LDAP connection " + connection.getConnectionID() + " closed: " + cause.getMessage());
        }
    };

    private void stopListeners() {
        if (ldap != null) {
            ldap.shutDown(true);
            ldap = null;
        }
        if (ldaps != null) {
            ldaps.shutDown(true);
            ldaps = null;
        }
        tlsIdentity = null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        subscription.close();
        stopListeners();
        if (idle != null) {
            idle.close();
        }
    }
}
