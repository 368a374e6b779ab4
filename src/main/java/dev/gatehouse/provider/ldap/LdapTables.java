package dev.gatehouse.provider.ldap;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.gatehouse.store.Tables;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** jOOQ handles on the tables of {@code V13__ldap_providers.sql}. */
public final class LdapTables {
    private LdapTables() {
    }

    public static final class LdapProviders {
        private static final String N = "providers_ldap";
        public static final Table<Record> T = table(name(N));
        public static final Field<Long> PROVIDER = field(name(N, "provider_id"), SQLDataType.BIGINT);
        public static final Field<String> BASE_DN = field(name(N, "base_dn"), SQLDataType.VARCHAR);
        public static final Field<String> BIND_MODE = field(name(N, "bind_mode"), SQLDataType.VARCHAR);
        public static final Field<String> SEARCH_MODE = field(name(N, "search_mode"), SQLDataType.VARCHAR);
        public static final Field<Integer> UID_START = field(name(N, "uid_start_number"), SQLDataType.INTEGER);
        public static final Field<Integer> GID_START = field(name(N, "gid_start_number"), SQLDataType.INTEGER);
        public static final Field<Boolean> MFA_SUPPORT = field(name(N, "mfa_support"), SQLDataType.BOOLEAN);
        public static final Field<UUID> CERTIFICATE = field(name(N, "certificate"), SQLDataType.UUID);
        public static final Field<String> TLS_SERVER_NAME = field(name(N, "tls_server_name"), SQLDataType.VARCHAR);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(LdapProviders.class);
    }

    public static final class SearchAccess {
        private static final String N = "providers_ldap_search_access";
        public static final Table<Record> T = table(name(N));
        public static final Field<Long> PROVIDER = field(name(N, "provider_id"), SQLDataType.BIGINT);
        public static final Field<Long> USER = field(name(N, "user_id"), SQLDataType.BIGINT);
        public static final Field<UUID> GROUP = field(name(N, "group_uuid"), SQLDataType.UUID);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(SearchAccess.class);
    }
}
