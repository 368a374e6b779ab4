package dev.gatehouse.provider.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import java.util.UUID;

/**
 * One entry of a provider's directory: its parsed DN, the LDAP entry, and what it stands for — a user
 * ({@code user} set; also on the user's virtual group), a group ({@code group} set) or a container (neither).
 */
record DirectoryEntry(DN dn, Entry entry, Long user, UUID group, boolean virtual) {

    boolean container() {
        return user == null && group == null;
    }
}
