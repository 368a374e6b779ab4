package dev.gatehouse.provider.ldap;

import com.unboundid.asn1.ASN1OctetString;
import dev.gatehouse.crypto.Secrets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection's paged searches in progress (RFC 2696): the matched entries of the first request, kept under a
 * random cookie with the position reached. A connection holds at most {@link #MAX_OPEN} of them (the oldest is
 * dropped); a cookie is good on its own connection only.
 */
final class PagedSearches {
    static final int MAX_OPEN = 8;

    static final class Paging {
        final List<DirectoryEntry> matched;
        int offset;

        Paging(List<DirectoryEntry> matched) {
            this.matched = matched;
        }
    }

    private final Map<String, Paging> open = new LinkedHashMap<>();

    synchronized String start(Paging p) {
        if (open.size() >= MAX_OPEN) {
            open.remove(open.keySet().iterator().next());
        }
        String cookie = Secrets.randomKey(16);
        open.put(cookie, p);
        return cookie;
    }

    synchronized Paging get(ASN1OctetString cookie) {
        return open.get(cookie.stringValue());
    }

    synchronized void end(ASN1OctetString cookie) {
        open.remove(cookie.stringValue());
    }
}
