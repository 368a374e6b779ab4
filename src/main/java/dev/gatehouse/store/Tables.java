package dev.gatehouse.store;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import java.util.List;
import java.util.ArrayList;

/**
 * The column list every tables class declares, and the {@code system_state} table of {@code V1__core.sql}; names
 * are lower-case and qualified.
 */
public final class Tables {
    private Tables() {
    }

    /** Every column handle a table class declares, selected explicitly so values get the declared Java types. */
    public static List<Field<?>> columns(Class<?> holder) {
        List<Field<?>> out = new ArrayList<>();
        for (java.lang.reflect.Field f : holder.getDeclaredFields()) {
            if (f.getType() == Field.class) {
                try {
                    out.add((Field<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return List.copyOf(out);
    }

    public static final class SystemState {
        public static final Table<Record> T = table(name("system_state"));
        public static final Field<String> NAME = field(name("system_state", "name"), SQLDataType.VARCHAR);
        public static final Field<String> CONTENT = field(name("system_state", "content"), SQLDataType.VARCHAR);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = columns(SystemState.class);
    }
}
