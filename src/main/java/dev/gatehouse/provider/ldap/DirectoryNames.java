package dev.gatehouse.provider.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;

/**
 * The DN layout of a provider (CONTRACT.md "DNs"): users {@code cn=<username>,ou=users,<base>}, groups
 * {@code cn=<name>,ou=groups,<base>}, per-user virtual groups {@code cn=<username>,ou=virtual-groups,<base>}.
 * Values are escaped as RFC 4514 requires.
 */
record DirectoryNames(DN base, DN users, DN groups, DN virtualGroups) {

    static DirectoryNames of(LdapProvider p) {
        try {
            DN base = new DN(p.baseDn());
            return new DirectoryNames(base, new DN(new RDN("ou", "users"), base), new DN(new RDN("ou", "groups"), base),
                    new DN(new RDN("ou", "virtual-groups"), base));
        } catch (LDAPException e) {
            throw new IllegalStateException("LDAP provider " + p.name() + " has an invalid base DN", e);
        }
    }

    DN user(String username) {
        return new DN(new RDN("cn", username), users);
    }

    DN group(String name) {
        return new DN(new RDN("cn", name), groups);
    }

    DN virtualGroup(String username) {
        return new DN(new RDN("cn", username), virtualGroups);
    }
}
