package dev.gatehouse.provider.oauth2.device;

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

/** jOOQ handles on the OAuth2 device code table. */
public final class DeviceCodeTables {
    private DeviceCodeTables() {
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
