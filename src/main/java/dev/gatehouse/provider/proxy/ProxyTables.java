package dev.gatehouse.provider.proxy;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.gatehouse.store.Tables;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** jOOQ handles on the proxy provider and proxy session tables. */
public final class ProxyTables {
    private ProxyTables() {
    }

    public static final class ProxyProviders {
        private static final String N = "providers_proxy";
        public static final Table<Record> T = table(name(N));
        public static final Field<Long> PROVIDER = field(name(N, "provider_id"), SQLDataType.BIGINT);
        public static final Field<String> MODE = field(name(N, "mode"), SQLDataType.VARCHAR);
        public static final Field<String> EXTERNAL_HOST = field(name(N, "external_host"), SQLDataType.VARCHAR);
        public static final Field<String> INTERNAL_HOST = field(name(N, "internal_host"), SQLDataType.VARCHAR);
        public static final Field<Boolean> INTERNAL_HOST_SSL_VALIDATION = field(name(N, "internal_host_ssl_validation"),
                SQLDataType.BOOLEAN);
        public static final Field<String> COOKIE_DOMAIN = field(name(N, "cookie_domain"), SQLDataType.VARCHAR);
        public static final Field<String> SKIP_PATH_REGEX = field(name(N, "skip_path_regex"), SQLDataType.VARCHAR);
        public static final Field<Boolean> BASIC_AUTH_ENABLED = field(name(N, "basic_auth_enabled"), SQLDataType.BOOLEAN);
        public static final Field<String> BASIC_AUTH_USER_ATTRIBUTE = field(name(N, "basic_auth_user_attribute"),
                SQLDataType.VARCHAR);
        public static final Field<String> BASIC_AUTH_PASSWORD_ATTRIBUTE = field(name(N, "basic_auth_password_attribute"),
                SQLDataType.VARCHAR);
        public static final Field<Boolean> INTERCEPT_HEADER_AUTH = field(name(N, "intercept_header_auth"),
                SQLDataType.BOOLEAN);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(ProxyProviders.class);
    }

    public static final class ProxySessions {
        private static final String N = "proxy_session";
        public static final Table<Record> T = table(name(N));
        public static final Field<UUID> UUID_ = field(name(N, "uuid"), SQLDataType.UUID);
        public static final Field<String> KEY_HASH = field(name(N, "key_hash"), SQLDataType.CHAR(64));
        public static final Field<Long> PROVIDER = field(name(N, "provider_id"), SQLDataType.BIGINT);
        public static final Field<Long> USER = field(name(N, "user_id"), SQLDataType.BIGINT);
        public static final Field<UUID> SESSION = field(name(N, "session_uuid"), SQLDataType.UUID);
        public static final Field<UUID> TOKEN_FAMILY = field(name(N, "token_family"), SQLDataType.UUID);
        public static final Field<String> SCOPE = field(name(N, "scope"), SQLDataType.VARCHAR);
        public static final Field<Instant> AUTH_TIME = field(name(N, "auth_time"), SQLDataType.INSTANT);
        public static final Field<String> AMR = field(name(N, "amr"), SQLDataType.VARCHAR);
        public static final Field<Instant> CREATED = field(name(N, "created"), SQLDataType.INSTANT);
        public static final Field<Instant> EXPIRES = field(name(N, "expires"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(ProxySessions.class);
    }
}
