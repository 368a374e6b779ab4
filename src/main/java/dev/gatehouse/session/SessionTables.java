package dev.gatehouse.session;

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

/** jOOQ handles on the table of {@code V3__sessions.sql}. */
public final class SessionTables {
    private SessionTables() {
    }

    public static final class Sessions {
        public static final Table<Record> T = table(name("core_authenticated_session"));
        public static final Field<UUID> UUID_ = field(name("core_authenticated_session", "uuid"), SQLDataType.UUID);
        public static final Field<String> KEY_HASH = field(name("core_authenticated_session", "key_hash"), SQLDataType.CHAR(64));
        public static final Field<Long> USER = field(name("core_authenticated_session", "user_id"), SQLDataType.BIGINT);
        public static final Field<Instant> CREATED = field(name("core_authenticated_session", "created"), SQLDataType.INSTANT);
        public static final Field<Instant> LAST_USED = field(name("core_authenticated_session", "last_used"), SQLDataType.INSTANT);
        public static final Field<Instant> EXPIRES = field(name("core_authenticated_session", "expires"), SQLDataType.INSTANT);
        public static final Field<String> CLIENT_IP = field(name("core_authenticated_session", "client_ip"), SQLDataType.VARCHAR);
        public static final Field<String> USER_AGENT = field(name("core_authenticated_session", "user_agent"), SQLDataType.VARCHAR);
        public static final Field<String> DATA = field(name("core_authenticated_session", "data"), SQLDataType.VARCHAR);
        /** How the user signed in: RFC 8176 amr values separated by spaces (V11). */
        public static final Field<String> AMR = field(name("core_authenticated_session", "amr"), SQLDataType.VARCHAR);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Sessions.class);
    }
}
