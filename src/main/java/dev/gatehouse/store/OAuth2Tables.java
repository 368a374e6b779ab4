package dev.gatehouse.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** jOOQ handles on the OAuth2 tables ({@code V6__oauth2_providers.sql} to {@code V9__oauth2_device_codes.sql}). */
public final class OAuth2Tables {
    private OAuth2Tables() {
    }

    public static final class OAuth2Providers {
        private static final String N = "providers_oauth2";
        public static final Table<Record> T = table(name(N));
        public static final Field<Long> PROVIDER = field(name(N, "provider_id"), SQLDataType.BIGINT);
        public static final Field<String> CLIENT_TYPE = field(name(N, "client_type"), SQLDataType.VARCHAR);
        public static final Field<String> CLIENT_ID = field(name(N, "client_id"), SQLDataType.VARCHAR);
        public static final Field<String> CLIENT_SECRET = field(name(N, "client_secret"), SQLDataType.VARCHAR);
        public static final Field<String> REDIRECT_URIS = field(name(N, "redirect_uris"), SQLDataType.VARCHAR);
        public static final Field<UUID> SIGNING_KEY = field(name(N, "signing_key"), SQLDataType.UUID);
        public static final Field<String> ACCESS_CODE_VALIDITY = field(name(N, "access_code_validity"), SQLDataType.VARCHAR);
        public static final Field<String> ACCESS_TOKEN_VALIDITY = field(name(N, "access_token_validity"), SQLDataType.VARCHAR);
        public static final Field<String> REFRESH_TOKEN_VALIDITY = field(name(N, "refresh_token_validity"), SQLDataType.VARCHAR);
        public static final Field<String> SUB_MODE = field(name(N, "sub_mode"), SQLDataType.VARCHAR);
        public static final Field<Boolean> INCLUDE_CLAIMS_IN_ID_TOKEN = field(name(N, "include_claims_in_id_token"), SQLDataType.BOOLEAN);
        public static final Field<String> ISSUER_MODE = field(name(N, "issuer_mode"), SQLDataType.VARCHAR);
        public static final Field<String> PROPERTY_MAPPINGS = field(name(N, "property_mappings"), SQLDataType.VARCHAR);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(OAuth2Providers.class);
    }

    public static final class Codes {
        private static final String N = "oauth2_code";
        public static final Table<Record> T = table(name(N));
        public static final Field<String> CODE_HASH = field(name(N, "code_hash"), SQLDataType.VARCHAR);
        public static final Field<UUID> FAMILY = field(name(N, "family"), SQLDataType.UUID);
        public static final Field<Long> PROVIDER = field(name(N, "provider_id"), SQLDataType.BIGINT);
        public static final Field<Long> USER = field(name(N, "user_id"), SQLDataType.BIGINT);
        public static final Field<String> REDIRECT_URI = field(name(N, "redirect_uri"), SQLDataType.VARCHAR);
        public static final Field<String> SCOPE = field(name(N, "scope"), SQLDataType.VARCHAR);
        public static final Field<String> NONCE = field(name(N, "nonce"), SQLDataType.VARCHAR);
        public static final Field<String> CODE_CHALLENGE = field(name(N, "code_challenge"), SQLDataType.VARCHAR);
        public static final Field<String> CODE_CHALLENGE_METHOD = field(name(N, "code_challenge_method"), SQLDataType.VARCHAR);
        public static final Field<java.time.Instant> AUTH_TIME = field(name(N, "auth_time"), SQLDataType.INSTANT);
        public static final Field<String> SESSION_HASH = field(name(N, "session_hash"), SQLDataType.VARCHAR);
        public static final Field<String> AMR = field(name(N, "amr"), SQLDataType.VARCHAR);
        public static final Field<java.time.Instant> EXPIRES = field(name(N, "expires"), SQLDataType.INSTANT);
        public static final Field<Boolean> USED = field(name(N, "used"), SQLDataType.BOOLEAN);
        public static final Field<java.time.Instant> CREATED = field(name(N, "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Codes.class);
    }

    public static final class Tokens {
        private static final String N = "oauth2_token";
        public static final Table<Record> T = table(name(N));
        public static final Field<String> TOKEN_HASH = field(name(N, "token_hash"), SQLDataType.VARCHAR);
        public static final Field<String> KIND = field(name(N, "kind"), SQLDataType.VARCHAR);
        public static final Field<UUID> FAMILY = field(name(N, "family"), SQLDataType.UUID);
        public static final Field<Long> PROVIDER = field(name(N, "provider_id"), SQLDataType.BIGINT);
        public static final Field<Long> USER = field(name(N, "user_id"), SQLDataType.BIGINT);
        public static final Field<String> SCOPE = field(name(N, "scope"), SQLDataType.VARCHAR);
        public static final Field<java.time.Instant> AUTH_TIME = field(name(N, "auth_time"), SQLDataType.INSTANT);
        public static final Field<String> SESSION_HASH = field(name(N, "session_hash"), SQLDataType.VARCHAR);
        public static final Field<String> AMR = field(name(N, "amr"), SQLDataType.VARCHAR);
        public static final Field<java.time.Instant> EXPIRES = field(name(N, "expires"), SQLDataType.INSTANT);
        public static final Field<Boolean> REVOKED = field(name(N, "revoked"), SQLDataType.BOOLEAN);
        public static final Field<Boolean> ROTATED = field(name(N, "rotated"), SQLDataType.BOOLEAN);
        public static final Field<java.time.Instant> CREATED = field(name(N, "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Tokens.class);
    }

    public static final class ScopeMappings {
        private static final String N = "oauth2_scope_mapping";
        public static final Table<Record> T = table(name(N));
        public static final Field<UUID> UUID_ = field(name(N, "uuid"), SQLDataType.UUID);
        public static final Field<String> NAME = field(name(N, "name"), SQLDataType.VARCHAR);
        public static final Field<String> SCOPE_NAME = field(name(N, "scope_name"), SQLDataType.VARCHAR);
        public static final Field<String> DESCRIPTION = field(name(N, "description"), SQLDataType.VARCHAR);
        public static final Field<String> EXPRESSION = field(name(N, "expression"), SQLDataType.VARCHAR);
        public static final Field<String> MANAGED = field(name(N, "managed"), SQLDataType.VARCHAR);
        public static final Field<java.time.Instant> CREATED = field(name(N, "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(ScopeMappings.class);
    }

    public static final class DeviceCodes {
        private static final String N = "oauth2_device_code";
        public static final Table<Record> T = table(name(N));
        public static final Field<String> DEVICE_CODE_HASH = field(name(N, "device_code_hash"), SQLDataType.VARCHAR);
        public static final Field<String> USER_CODE_HASH = field(name(N, "user_code_hash"), SQLDataType.VARCHAR);
        public static final Field<UUID> FAMILY = field(name(N, "family"), SQLDataType.UUID);
        public static final Field<Long> PROVIDER = field(name(N, "provider_id"), SQLDataType.BIGINT);
        public static final Field<String> SCOPE = field(name(N, "scope"), SQLDataType.VARCHAR);
        public static final Field<String> STATUS = field(name(N, "status"), SQLDataType.VARCHAR);
        public static final Field<Long> USER = field(name(N, "user_id"), SQLDataType.BIGINT);
        public static final Field<java.time.Instant> AUTH_TIME = field(name(N, "auth_time"), SQLDataType.INSTANT);
        public static final Field<String> SESSION_HASH = field(name(N, "session_hash"), SQLDataType.VARCHAR);
        public static final Field<String> AMR = field(name(N, "amr"), SQLDataType.VARCHAR);
        public static final Field<Integer> POLL_INTERVAL = field(name(N, "poll_interval"), SQLDataType.INTEGER);
        public static final Field<java.time.Instant> NEXT_POLL = field(name(N, "next_poll"), SQLDataType.INSTANT);
        public static final Field<java.time.Instant> EXPIRES = field(name(N, "expires"), SQLDataType.INSTANT);
        public static final Field<java.time.Instant> CREATED = field(name(N, "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(DeviceCodes.class);
    }
}
