package dev.gatehouse.settings;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.gatehouse.core.Json;
import java.time.Instant;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The one row of {@code gatehouse_system_settings} (V18): the values an admin set, as a JSON document. */
final class SettingsStore {
    private static final Table<Record> T = table(name("gatehouse_system_settings"));
    private static final Field<Integer> ID = field(name("gatehouse_system_settings", "id"), SQLDataType.INTEGER);
    private static final Field<String> SETTINGS = field(name("gatehouse_system_settings", "settings"), SQLDataType.VARCHAR);
    private static final Field<Instant> UPDATED = field(name("gatehouse_system_settings", "updated"), SQLDataType.INSTANT);
    private final DSLContext dsl;

    SettingsStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** What was set; empty when nothing was. */
    Map<String, Object> stored() {
        return Json.map(dsl.select(SETTINGS).from(T).where(ID.eq(1)).fetchOptional(SETTINGS).orElse("{}"));
    }

    /** The stored document, locked until the transaction ends (two admins saving at once do not lose a change). */
    Map<String, Object> lockStored() {
        return Json.map(dsl.select(SETTINGS).from(T).where(ID.eq(1)).forUpdate().fetchOptional(SETTINGS).orElse("{}"));
    }

    void save(Map<String, Object> settings) {
        int updated = dsl.update(T).set(SETTINGS, Json.write(settings)).set(UPDATED, Instant.now()).where(ID.eq(1))
                .execute();
        if (updated == 0) {
            dsl.insertInto(T).set(ID, 1).set(SETTINGS, Json.write(settings)).set(UPDATED, Instant.now()).execute();
        }
    }
}
