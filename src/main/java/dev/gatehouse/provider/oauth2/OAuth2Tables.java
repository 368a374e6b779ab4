package dev.gatehouse.provider.oauth2;

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

/** jOOQ handles on the OAuth2 provider table ({@code V6__oauth2_providers.sql}). */
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
}
