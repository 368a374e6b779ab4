package dev.gatehouse.provider.ldap;

import com.unboundid.ldap.sdk.DN;

/**
 * Who a connection is bound as: the provider it bound against, the user (pk, username, canonical entry DN),
 * whether the user may search the full directory, and the bind's ticket (revoked or stale after changes).
 */
record BoundUser(LdapProvider provider, long userPk, String username, DN dn, boolean fullDirectory,
                 BindSessions.Ticket ticket) {
}
