package dev.gatehouse.outpost;

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

/** jOOQ handles on the outpost tables. */
public final class OutpostTables {
    private OutpostTables() {
    }

    public static final class Outposts {
        private static final String N = "outposts_outpost";
        public static final Table<Record> T = table(name(N));
        public static final Field<UUID> UUID_ = field(name(N, "uuid"), SQLDataType.UUID);
        public static final Field<String> NAME = field(name(N, "name"), SQLDataType.VARCHAR);
        public static final Field<String> TYPE = field(name(N, "type"), SQLDataType.VARCHAR);
        public static final Field<String> MANAGED = field(name(N, "managed"), SQLDataType.VARCHAR);
        public static final Field<String> CONFIG = field(name(N, "config"), SQLDataType.VARCHAR);
        public static final Field<Instant> CREATED = field(name(N, "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Outposts.class);
    }

    public static final class OutpostProviders {
        private static final String N = "outposts_outpost_provider";
        public static final Table<Record> T = table(name(N));
        public static final Field<UUID> OUTPOST = field(name(N, "outpost_uuid"), SQLDataType.UUID);
        public static final Field<Long> PROVIDER = field(name(N, "provider_id"), SQLDataType.BIGINT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(OutpostProviders.class);
    }
}
