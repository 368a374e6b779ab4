package dev.gatehouse.provider.oauth2.token;

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

/** jOOQ handles on the OAuth2 authorization code and token tables. */
public final class GrantTables {
    private GrantTables() {
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
}
