package dev.gatehouse.provider.ldap;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A create or update of an LDAP provider; null means "not given" (keep, or the default on create).
 * {@code certificate} is Optional so it can be cleared explicitly. {@code outposts} null on create means "the
 * embedded outpost" (as for proxy providers); a list names them exactly.
 */
public record LdapProviderChanges(String name, UUID authorizationFlow, UUID invalidationFlow, String baseDn,
                                  String bindMode, String searchMode, Integer uidStartNumber, Integer gidStartNumber,
                                  Boolean mfaSupport, Optional<UUID> certificate, String tlsServerName,
                                  List<Long> searchUsers, List<UUID> searchGroups, List<UUID> outposts) {
}
