package dev.gatehouse.provider.ldap;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.ArrayList;
import java.util.List;

/**
 * The root DSE (RFC 4512 5.1): readable without a bind, it names the served providers' base DNs and what this
 * server supports: LDAPv3, the paged results control (RFC 2696), StartTLS (RFC 4511 4.14) and "Who am I?"
 * (RFC 4532).
 */
final class RootDse {
    static final String START_TLS_OID = "1.3.6.1.4.1.1466.20037";
    static final String WHO_AM_I_OID = "1.3.6.1.4.1.4203.1.11.3";

    private RootDse() {
    }

    static Entry of(List<LdapProvider> providers, String version) {
        Entry e = new Entry("");
        e.setAttribute("objectClass", "top");
        List<String> contexts = new ArrayList<>();
        providers.forEach(p -> contexts.add(p.baseDn()));
        if (!contexts.isEmpty()) {
            e.setAttribute("namingContexts", contexts);
        }
        e.setAttribute("supportedLDAPVersion", "3");
        e.setAttribute("supportedControl", SimplePagedResultsControl.PAGED_RESULTS_OID);
        e.setAttribute("supportedExtension", START_TLS_OID, WHO_AM_I_OID);
        e.setAttribute("vendorName", "goauthentik.io");
        e.setAttribute("vendorVersion", "Gatehouse LDAP Outpost Version " + version);
        return e;
    }
}
