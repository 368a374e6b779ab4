package dev.gatehouse.provider.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.listener.LDAPListenerClientConnection;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.protocol.SearchResultDoneProtocolOp;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A search (RFC 4511 4.5): the root DSE for a base-scope search of "", otherwise the bound provider's directory
 * — entries under the base in the scope, visible to the bound user, matching the RFC 4515 filter (UnboundID's
 * matching), with the requested attributes (or only their types), within the size and time limits, a page at a
 * time with the paged results control (RFC 2696). Entries go to the client as they are found; a client that went
 * away ends the search.
 */
final class LdapSearcher {
    /** The longest a search may run whatever the client asks (seconds). */
    static final int MAX_TIME_LIMIT = 60;

    private final DirectorySource directories;

    LdapSearcher(DirectorySource directories) {
        this.directories = directories;
    }

    LDAPMessage search(int id, SearchRequestProtocolOp op, List<Control> controls, BoundUser bound,
                       List<LdapProvider> served, String version, LDAPListenerClientConnection conn,
                       PagedSearches paging) {
        DN base;
        try {
            base = new DN(op.getBaseDN());
        } catch (LDAPException e) {
            return done(id, ResultCode.INVALID_DN_SYNTAX, "Invalid base DN.");
        }
        if (base.isNullDN() && op.getScope() == SearchScope.BASE) {
            Entry root = RootDse.of(served, version);
            return matches(op.getFilter(), root) && !send(conn, id, project(root, op))
                    ? null : done(id, ResultCode.SUCCESS, null);
        }
        if (bound == null) {
            return done(id, ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "Anonymous search is not allowed; bind first.");
        }
        LdapProvider provider = served.stream().filter(p -> p.pk() == bound.provider().pk()).findFirst().orElse(null);
        if (provider == null) {
            return done(id, ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "The provider bound to is no longer served.");
        }
        Optional<SimplePagedResultsControl> page;
        try {
            page = pagedControl(controls);
        } catch (LDAPException e) {
            return done(id, ResultCode.PROTOCOL_ERROR, "Malformed paged results control.");
        }
        PagedSearches.Paging paged;
        if (page.isPresent() && page.get().getCookie().getValueLength() > 0) {
            paged = paging.get(page.get().getCookie());
            if (paged == null) {
                return done(id, ResultCode.UNWILLING_TO_PERFORM, "Unknown paged results cookie.");
            }
            if (page.get().getSize() == 0) {
                paging.end(page.get().getCookie());
                return done(id, ResultCode.SUCCESS, null, new SimplePagedResultsControl(0, null, false));
            }
        } else {
            Directory dir = directories.directory(provider);
            DirectoryEntry baseEntry = dir.byDn(base);
            if (baseEntry == null || !dir.visible(baseEntry, bound)) {
                return done(id, ResultCode.NO_SUCH_OBJECT, "No such object: " + op.getBaseDN());
            }
            if (page.isPresent() && page.get().getSize() == 0) {
                return done(id, ResultCode.SUCCESS, null, new SimplePagedResultsControl(0, null, false));
            }
            paged = new PagedSearches.Paging(matching(dir, base, op, bound));
        }
        return send(id, op, conn, paging, page, paged);
    }

    private LDAPMessage send(int id, SearchRequestProtocolOp op, LDAPListenerClientConnection conn,
                             PagedSearches paging, Optional<SimplePagedResultsControl> page, PagedSearches.Paging paged) {
        long deadline = System.nanoTime() + 1_000_000_000L * (op.getTimeLimit() > 0
                ? Math.min(op.getTimeLimit(), MAX_TIME_LIMIT) : MAX_TIME_LIMIT);
        int limit = op.getSizeLimit() > 0 ? op.getSizeLimit() : Integer.MAX_VALUE;
        int pageSize = page.map(SimplePagedResultsControl::getSize).orElse(Integer.MAX_VALUE);
        int sent = 0;
        while (paged.offset < paged.matched.size() && sent < pageSize) {
            if (sent >= limit) {
                return done(id, ResultCode.SIZE_LIMIT_EXCEEDED, "Size limit of " + limit + " entries reached.");
            }
            if (System.nanoTime() > deadline) {
                return done(id, ResultCode.TIME_LIMIT_EXCEEDED, "Time limit reached.");
            }
            if (!send(conn, id, project(paged.matched.get(paged.offset).entry(), op))) {
                return null;
            }
            paged.offset++;
            sent++;
        }
        if (page.isEmpty()) {
            return done(id, ResultCode.SUCCESS, null);
        }
        ASN1OctetString cookie = page.get().getCookie();
        boolean more = paged.offset < paged.matched.size();
        if (!more) {
            if (cookie.getValueLength() > 0) {
                paging.end(cookie);
            }
            return done(id, ResultCode.SUCCESS, null, new SimplePagedResultsControl(paged.matched.size(), null, false));
        }
        String next = cookie.getValueLength() > 0 ? cookie.stringValue() : paging.start(paged);
        return done(id, ResultCode.SUCCESS, null, new SimplePagedResultsControl(paged.matched.size(),
                new ASN1OctetString(next), false));
    }

    private static List<DirectoryEntry> matching(Directory dir, DN base, SearchRequestProtocolOp op, BoundUser bound) {
        List<DirectoryEntry> out = new ArrayList<>();
        SearchScope scope = op.getScope();
        for (DirectoryEntry e : dir.candidates(op.getFilter())) {
            if (inScope(e.dn(), base, scope) && dir.visible(e, bound) && matches(op.getFilter(), e.entry())) {
                out.add(e);
            }
        }
        return out;
    }

    static boolean inScope(DN dn, DN base, SearchScope scope) {
        return switch (scope.intValue()) {
            case 0 -> dn.equals(base);
            case 1 -> base.equals(dn.getParent());
            case 2 -> dn.isDescendantOf(base, true);
            case 3 -> dn.isDescendantOf(base, false);
            default -> false;
        };
    }

    /** RFC 4511 4.5.1.7: a filter that evaluates to Undefined (e.g. an unsupported matching rule) does not match. */
    static boolean matches(Filter filter, Entry entry) {
        try {
            return filter.matchesEntry(entry);
        } catch (LDAPException undefined) {
            return false;
        }
    }

    /**
     * The attributes asked for (RFC 4511 4.5.1.8): none listed or {@code *} = all, {@code 1.1} alone = none,
     * otherwise those named (any case); {@code typesOnly} sends names without values.
     */
    static Entry project(Entry entry, SearchRequestProtocolOp op) {
        List<String> wanted = op.getAttributes();
        boolean all = wanted.isEmpty() || wanted.contains("*");
        Entry out = new Entry(entry.getDN());
        for (Attribute a : entry.getAttributes()) {
            boolean keep = all || wanted.stream().anyMatch(w -> w.equalsIgnoreCase(a.getBaseName()));
            if (keep) {
                out.addAttribute(op.typesOnly() ? new Attribute(a.getName()) : a);
            }
        }
        return out;
    }

    private static boolean send(LDAPListenerClientConnection conn, int id, Entry entry) {
        try {
            conn.sendSearchResultEntry(id, entry);
            return true;
        } catch (LDAPException clientGone) {
            return false;
        }
    }

    static Optional<SimplePagedResultsControl> pagedControl(List<Control> controls) throws LDAPException {
        for (Control c : controls) {
            if (c.getOID().equals(SimplePagedResultsControl.PAGED_RESULTS_OID)) {
                return Optional.of(new SimplePagedResultsControl(c.getOID(), c.isCritical(), c.getValue()));
            }
        }
        return Optional.empty();
    }

    static LDAPMessage done(int id, ResultCode code, String message, Control... controls) {
        return new LDAPMessage(id, new SearchResultDoneProtocolOp(code.intValue(), null, message, null), controls);
    }
}
