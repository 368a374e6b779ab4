package dev.gatehouse.provider.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.protocol.AddRequestProtocolOp;
import com.unboundid.ldap.protocol.AddResponseProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.BindResponseProtocolOp;
import com.unboundid.ldap.protocol.CompareRequestProtocolOp;
import com.unboundid.ldap.protocol.CompareResponseProtocolOp;
import com.unboundid.ldap.protocol.DeleteRequestProtocolOp;
import com.unboundid.ldap.protocol.DeleteResponseProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedResponseProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ModifyDNRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyDNResponseProtocolOp;
import com.unboundid.ldap.protocol.ModifyRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyResponseProtocolOp;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.UnbindRequestProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection of the LDAP listener (UnboundID creates one per connection with {@link #newInstance}):
 * adapts each request to the binder or the searcher and their answers to LDAP messages. The directory is
 * read-only: add, modify, delete, modify DN and compare are unwillingToPerform (CONTRACT.md). Failed binds are
 * throttled per connection (besides the per-user and per-IP throttle the bind flow shares with the web). Each client
 * address may hold {@code GATEHOUSE_LDAP__MAX_CONNECTIONS_PER_IP} connections ({@link ConnectionsPerAddress}).
 */
final class LdapRequestHandler extends LDAPListenerRequestHandler {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(LdapRequestHandler.class.getName());
    private static final String READ_ONLY = "This directory is read-only.";
    private final LdapServer server;
    private final ConnectionsPerAddress addresses;
    private final LDAPListenerClientConnection connection;
    private final InetAddress address;
    private final AtomicBoolean counted = new AtomicBoolean();
    private final PagedSearches paging = new PagedSearches();
    private final ConnectionThrottle throttle = new ConnectionThrottle();
    private volatile BoundUser bound;

    /** The listener's handler: each accepted connection gets its own {@link #newInstance}. */
    LdapRequestHandler(LdapServer server, ConnectionsPerAddress addresses) {
        this(server, addresses, null, null);
    }

    private LdapRequestHandler(LdapServer server, ConnectionsPerAddress addresses,
                               LDAPListenerClientConnection connection, InetAddress address) {
        this.server = server;
        this.addresses = addresses;
        this.connection = connection;
        this.address = address;
    }

    /** A connection was accepted: refused (closed at once) when its address already holds its cap of connections. */
    @Override
    public LdapRequestHandler newInstance(LDAPListenerClientConnection connection) throws LDAPException {
        InetAddress from = connection.getSocket().getInetAddress();
        if (!addresses.open(from)) {
            throw new LDAPException(ResultCode.BUSY, "too many connections from " + from.getHostAddress());
        }
        LdapRequestHandler handler = new LdapRequestHandler(server, addresses, connection, from);
        handler.counted.set(true);
        return handler;
    }

    /** The connection's slot for its address is free again (once; the connection is closing or was refused). */
    private void release() {
        if (counted.compareAndSet(true, false)) {
            addresses.closed(address);
        }
    }

    private String clientIp() {
        return connection.getSocket().getInetAddress().getHostAddress();
    }

    @Override
    public LDAPMessage processBindRequest(int id, BindRequestProtocolOp op, List<Control> controls) {
        unbind();
        if (op.getCredentialsType() != BindRequestProtocolOp.CRED_TYPE_SIMPLE) {
            return bindResponse(id, ResultCode.AUTH_METHOD_NOT_SUPPORTED, "Only simple binds are supported.");
        }
        if (!throttle.allows()) {
            return bindResponse(id, ResultCode.INVALID_CREDENTIALS, "Too many failed binds on this connection.");
        }
        LdapBinder.Result result;
        try {
            result = server.binder().bind(server.served(), op.getBindDN(), op.getSimplePassword().stringValue(),
                    clientIp());
        } catch (RuntimeException e) {
            return bindResponse(id, failureCode(e), failureMessage(e));
        }
        return switch (result) {
            case LdapBinder.Result.Bound b -> {
                bound = b.user();
                yield bindResponse(id, ResultCode.SUCCESS, null);
            }
            case LdapBinder.Result.Refused r -> {
                throttle.failed();
                yield bindResponse(id, r.code(), r.message());
            }
        };
    }

    @Override
    public LDAPMessage processSearchRequest(int id, SearchRequestProtocolOp op, List<Control> controls) {
        BoundUser user = bound;
        if (user != null && !server.binder().stillBound(user)) {
            unbind();
            return LdapSearcher.done(id, ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    "The bind has ended (user or session changed); bind again.");
        }
        try {
            return server.searcher().search(id, op, controls, user, server.served(), server.version(), connection,
                    paging);
        } catch (RuntimeException e) {
            return LdapSearcher.done(id, failureCode(e), failureMessage(e));
        }
    }

    /** {@code unavailable} (52) while the database is away, so clients retry; else {@code other}, without details. */
    private static ResultCode failureCode(RuntimeException e) {
        return dev.gatehouse.store.DatabaseAvailability.isOutage(e) ? ResultCode.UNAVAILABLE : ResultCode.OTHER;
    }

    private static String failureMessage(RuntimeException e) {
        if (dev.gatehouse.store.DatabaseAvailability.isOutage(e)) {
            return "The directory is temporarily unavailable; try again shortly.";
        }
        LOG.log(java.util.logging.Level.SEVERE, "LDAP operation failed", e);
        return "Internal error.";
    }

    /** "Who am I?" (RFC 4532) answers {@code dn:<bound DN>}, or nothing when anonymous; other operations are unknown. */
    @Override
    public LDAPMessage processExtendedRequest(int id, ExtendedRequestProtocolOp op, List<Control> controls) {
        if (RootDse.WHO_AM_I_OID.equals(op.getOID())) {
            BoundUser user = bound;
            String authzId = user == null ? "" : "dn:" + user.dn();
            return new LDAPMessage(id, new ExtendedResponseProtocolOp(ResultCode.SUCCESS_INT_VALUE, null, null, null,
                    null, new ASN1OctetString(authzId)));
        }
        return new LDAPMessage(id, new ExtendedResponseProtocolOp(ResultCode.PROTOCOL_ERROR_INT_VALUE, null,
                "Unsupported extended operation " + op.getOID() + ".", null, null, null));
    }

    @Override
    public LDAPMessage processAddRequest(int id, AddRequestProtocolOp op, List<Control> controls) {
        return new LDAPMessage(id, new AddResponseProtocolOp(ResultCode.UNWILLING_TO_PERFORM_INT_VALUE, null, READ_ONLY, null));
    }

    @Override
    public LDAPMessage processModifyRequest(int id, ModifyRequestProtocolOp op, List<Control> controls) {
        return new LDAPMessage(id, new ModifyResponseProtocolOp(ResultCode.UNWILLING_TO_PERFORM_INT_VALUE, null, READ_ONLY, null));
    }

    @Override
    public LDAPMessage processDeleteRequest(int id, DeleteRequestProtocolOp op, List<Control> controls) {
        return new LDAPMessage(id, new DeleteResponseProtocolOp(ResultCode.UNWILLING_TO_PERFORM_INT_VALUE, null, READ_ONLY, null));
    }

    @Override
    public LDAPMessage processModifyDNRequest(int id, ModifyDNRequestProtocolOp op, List<Control> controls) {
        return new LDAPMessage(id, new ModifyDNResponseProtocolOp(ResultCode.UNWILLING_TO_PERFORM_INT_VALUE, null, READ_ONLY, null));
    }

    @Override
    public LDAPMessage processCompareRequest(int id, CompareRequestProtocolOp op, List<Control> controls) {
        return new LDAPMessage(id, new CompareResponseProtocolOp(ResultCode.UNWILLING_TO_PERFORM_INT_VALUE, null,
                "Compare is not supported; search instead.", null));
    }

    @Override
    public void processUnbindRequest(int id, UnbindRequestProtocolOp op, List<Control> controls) {
        unbind();
    }

    /** The connection is closed: the bind ends and its address may open another connection. */
    @Override
    public void closeInstance() {
        unbind();
        release();
    }

    private void unbind() {
        BoundUser user = bound;
        bound = null;
        server.binder().unbind(user);
    }

    private static LDAPMessage bindResponse(int id, ResultCode code, String message) {
        return new LDAPMessage(id, new BindResponseProtocolOp(code.intValue(), null, message, null, null));
    }
}
