package dev.gatehouse.provider.oauth2.scope;

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

/** jOOQ handles on the OAuth2 scope mapping table. */
public final class ScopeMappingTables {
    private ScopeMappingTables() {
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
}
