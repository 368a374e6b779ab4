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
import com.unboundid.ldap.sdk.ResultCode;
import java.util.List;

/**
 * One client connection of the LDAP listener (UnboundID creates one per connection with {@link #newInstance}):
 * adapts each request to the binder or the searcher and their answers to LDAP messages. The directory is
 * read-only: add, modify, delete, modify DN and compare are unwillingToPerform (CONTRACT.md). Failed binds are
 * throttled per connection (besides the per-user and per-IP throttle the bind flow shares with the web).
 */
final class LdapRequestHandler extends LDAPListenerRequestHandler {
    private static final String READ_ONLY = "This directory is read-only.";
    private final LdapServer server;
    private final LDAPListenerClientConnection connection;
    private final PagedSearches paging = new PagedSearches();
    private final ConnectionThrottle throttle = new ConnectionThrottle();
    private volatile BoundUser bound;

    LdapRequestHandler(LdapServer server) {
        this(server, null);
    }

    private LdapRequestHandler(LdapServer server, LDAPListenerClientConnection connection) {
        this.server = server;
        this.connection = connection;
    }

    @Override
    public LdapRequestHandler newInstance(LDAPListenerClientConnection connection) {
        return new LdapRequestHandler(server, connection);
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
        LdapBinder.Result result = server.binder().bind(server.served(), op.getBindDN(),
                op.getSimplePassword().stringValue(), clientIp());
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
        return server.searcher().search(id, op, controls, user, server.served(), server.version(), connection, paging);
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

    @Override
    public void closeInstance() {
        unbind();
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
