package dev.gatehouse.provider.ldap;

import dev.gatehouse.core.Provider;
import dev.gatehouse.provider.ProviderRecord;
import java.util.List;
import java.util.UUID;

/**
 * An LDAP provider (CONTRACT.md "LDAP outpost"): the directory under {@code baseDn}, the bind flow
 * ({@code provider.authorizationFlow()}), how binds and searches are served ({@code direct}: from the database
 * each time; {@code cached}: from memory), the number ranges of uidNumber/gidNumber, whether a bind password may
 * carry an MFA code ({@code password;123456}), the TLS certificate (null: the generated one) and who may search
 * the full directory: the users in {@code searchUsers} and the members of the groups in {@code searchGroups}
 * (authentik's {@code search_full_directory} permission, kept as rows of {@code providers_ldap_search_access}).
 */
public record LdapProvider(Provider provider, String baseDn, String bindMode, String searchMode, int uidStartNumber,
                           int gidStartNumber, boolean mfaSupport, UUID certificate, String tlsServerName,
                           List<Long> searchUsers, List<UUID> searchGroups) implements ProviderRecord {
    public static final String DEFAULT_BASE_DN = "DC=ldap,DC=goauthentik,DC=io";
    public static final String DIRECT = "direct";
    public static final String CACHED = "cached";

    public LdapProvider {
        searchUsers = List.copyOf(searchUsers);
        searchGroups = List.copyOf(searchGroups);
    }

    public long pk() {
        return provider.pk();
    }

    public String name() {
        return provider.name();
    }

    public boolean cachedBind() {
        return CACHED.equals(bindMode);
    }

    public boolean cachedSearch() {
        return CACHED.equals(searchMode);
    }
}
