package dev.gatehouse.provider.ldap;

import dev.gatehouse.core.ProviderChanges;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A create or update of an LDAP provider; null means "not given" (keep, or the default on create).
 * {@code certificate} is Optional so it can be cleared explicitly. {@code outposts} null on create means "the
 * embedded outpost" (as for proxy providers); a list names them exactly. The modes are {@link LdapMode} wire
 * values. {@link #DEFINITION} declares the fields as requests give them.
 */
public record LdapProviderChanges(String name, UUID authorizationFlow, UUID invalidationFlow, String baseDn,
                                  String bindMode, String searchMode, Integer uidStartNumber, Integer gidStartNumber,
                                  Boolean mfaSupport, Optional<UUID> certificate, String tlsServerName,
                                  List<Long> searchUsers, List<UUID> searchGroups, List<UUID> outposts)
        implements ProviderChanges {
    public static final Field<String> BASE_DN = Field.string("base_dn").byDefault(LdapProvider.DEFAULT_BASE_DN)
            .label("Base DN").help("The root of the directory (RFC 4514).");
    public static final Field<String> BIND_MODE = Field.choice("bind_mode", LdapMode.class).byDefault(LdapMode.DIRECT);
    public static final Field<String> SEARCH_MODE = Field.choice("search_mode", LdapMode.class)
            .byDefault(LdapMode.DIRECT);
    public static final Field<Integer> UID_START_NUMBER = Field.int32("uid_start_number").min(0).byDefault(2000)
            .label("First uidNumber");
    public static final Field<Integer> GID_START_NUMBER = Field.int32("gid_start_number").min(0).byDefault(4000)
            .label("First gidNumber");
    public static final Field<Boolean> MFA_SUPPORT = Field.bool("mfa_support").byDefault(true)
            .label("MFA support").help("A bind password may end with ;<code> from an MFA device.");
    public static final Field<UUID> CERTIFICATE = Field.ref("certificate", "certificate_key_pair").nullable()
            .help("The key pair LDAPS is served with; the generated one when null.");
    public static final Field<String> TLS_SERVER_NAME = Field.string("tls_server_name").maxLength(253).byDefault("")
            .label("TLS server name");
    public static final Field<List<Long>> SEARCH_FULL_DIRECTORY_USERS = Field.intRefs("search_full_directory_users",
            "user").help("Users that may search the whole directory.");
    public static final Field<List<UUID>> SEARCH_FULL_DIRECTORY_GROUPS = Field.refs("search_full_directory_groups",
            "group").help("Members of these groups may search the whole directory.");

    public static final Definition<LdapProviderChanges> DEFINITION = Definition.define("ldap_provider", "LdapProvider")
            .field(NAME, AUTHORIZATION_FLOW, INVALIDATION_FLOW, BASE_DN, BIND_MODE, SEARCH_MODE,
                    UID_START_NUMBER, GID_START_NUMBER, MFA_SUPPORT, CERTIFICATE, TLS_SERVER_NAME,
                    SEARCH_FULL_DIRECTORY_USERS, SEARCH_FULL_DIRECTORY_GROUPS, OUTPOST_SET)
            .build(v -> new LdapProviderChanges(v.get(NAME), v.get(AUTHORIZATION_FLOW), v.get(INVALIDATION_FLOW),
                    v.get(BASE_DN), v.get(BIND_MODE), v.get(SEARCH_MODE),
                    v.get(UID_START_NUMBER), v.get(GID_START_NUMBER), v.get(MFA_SUPPORT), v.optional(CERTIFICATE),
                    v.get(TLS_SERVER_NAME), v.get(SEARCH_FULL_DIRECTORY_USERS), v.get(SEARCH_FULL_DIRECTORY_GROUPS),
                    v.get(OUTPOST_SET)));
}
