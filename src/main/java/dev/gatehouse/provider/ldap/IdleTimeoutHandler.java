package dev.gatehouse.provider.ldap;

import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.protocol.AbandonRequestProtocolOp;
import com.unboundid.ldap.protocol.AddRequestProtocolOp;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.CompareRequestProtocolOp;
import com.unboundid.ldap.protocol.DeleteRequestProtocolOp;
import com.unboundid.ldap.protocol.ExtendedRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.ModifyDNRequestProtocolOp;
import com.unboundid.ldap.protocol.ModifyRequestProtocolOp;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.UnbindRequestProtocolOp;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Wraps a connection's request handler so that {@link IdleConnections} sees when the connection is in use: every
 * request marks it busy until answered. A decorator like UnboundID's own {@code StartTLSRequestHandler}.
 */
final class IdleTimeoutHandler extends LDAPListenerRequestHandler {
    private final LDAPListenerRequestHandler delegate;
    private final IdleConnections idle;
    private final IdleConnections.Watched watched;

    IdleTimeoutHandler(LDAPListenerRequestHandler delegate, IdleConnections idle) {
        this(delegate, idle, null);
    }

    private IdleTimeoutHandler(LDAPListenerRequestHandler delegate, IdleConnections idle,
                               IdleConnections.Watched watched) {
        this.delegate = delegate;
        this.idle = idle;
        this.watched = watched;
    }

    @Override
    public IdleTimeoutHandler newInstance(LDAPListenerClientConnection connection) throws LDAPException {
        LDAPListenerRequestHandler handler = delegate.newInstance(connection);
        return new IdleTimeoutHandler(handler, idle, idle.watch(connection));
    }

    @Override
    public void closeInstance() {
        watched.stop();
        delegate.closeInstance();
    }

    private LDAPMessage busy(Supplier<LDAPMessage> answer) {
        watched.begin();
        try {
            return answer.get();
        } finally {
            watched.end();
        }
    }

    @Override
    public void processAbandonRequest(int id, AbandonRequestProtocolOp op, List<Control> controls) {
        busy(() -> {
            delegate.processAbandonRequest(id, op, controls);
            return null;
        });
    }

    @Override
    public LDAPMessage processAddRequest(int id, AddRequestProtocolOp op, List<Control> controls) {
        return busy(() -> delegate.processAddRequest(id, op, controls));
    }

    @Override
    public LDAPMessage processBindRequest(int id, BindRequestProtocolOp op, List<Control> controls) {
        return busy(() -> delegate.processBindRequest(id, op, controls));
    }

    @Override
    public LDAPMessage processCompareRequest(int id, CompareRequestProtocolOp op, List<Control> controls) {
        return busy(() -> delegate.processCompareRequest(id, op, controls));
    }

    @Override
    public LDAPMessage processDeleteRequest(int id, DeleteRequestProtocolOp op, List<Control> controls) {
        return busy(() -> delegate.processDeleteRequest(id, op, controls));
    }

    @Override
    public LDAPMessage processExtendedRequest(int id, ExtendedRequestProtocolOp op, List<Control> controls) {
        return busy(() -> delegate.processExtendedRequest(id, op, controls));
    }

    @Override
    public LDAPMessage processModifyRequest(int id, ModifyRequestProtocolOp op, List<Control> controls) {
        return busy(() -> delegate.processModifyRequest(id, op, controls));
    }

    @Override
    public LDAPMessage processModifyDNRequest(int id, ModifyDNRequestProtocolOp op, List<Control> controls) {
        return busy(() -> delegate.processModifyDNRequest(id, op, controls));
    }

    @Override
    public LDAPMessage processSearchRequest(int id, SearchRequestProtocolOp op, List<Control> controls) {
        return busy(() -> delegate.processSearchRequest(id, op, controls));
    }

    @Override
    public void processUnbindRequest(int id, UnbindRequestProtocolOp op, List<Control> controls) {
        busy(() -> {
            delegate.processUnbindRequest(id, op, controls);
            return null;
        });
    }
}
