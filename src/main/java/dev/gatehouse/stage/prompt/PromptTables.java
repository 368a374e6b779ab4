package dev.gatehouse.stage.prompt;

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

/** jOOQ handles on {@code stages_prompt} (created by the V20 migration). */
public final class PromptTables {
    private PromptTables() {
    }

    public static final class Prompts {
        private static final String N = "stages_prompt";
        public static final Table<Record> T = table(name(N));
        public static final Field<UUID> UUID_ = field(name(N, "uuid"), SQLDataType.UUID);
        public static final Field<String> NAME = field(name(N, "name"), SQLDataType.VARCHAR);
        public static final Field<String> FIELD_KEY = field(name(N, "field_key"), SQLDataType.VARCHAR);
        public static final Field<String> LABEL = field(name(N, "label"), SQLDataType.VARCHAR);
        public static final Field<String> TYPE = field(name(N, "prompt_type"), SQLDataType.VARCHAR);
        public static final Field<Boolean> REQUIRED = field(name(N, "required"), SQLDataType.BOOLEAN);
        public static final Field<String> PLACEHOLDER = field(name(N, "placeholder"), SQLDataType.VARCHAR);
        public static final Field<String> INITIAL_VALUE = field(name(N, "initial_value"), SQLDataType.VARCHAR);
        public static final Field<String> SUB_TEXT = field(name(N, "sub_text"), SQLDataType.VARCHAR);
        public static final Field<Integer> ORDER = field(name(N, "prompt_order"), SQLDataType.INTEGER);
        public static final Field<Boolean> PLACEHOLDER_EXPRESSION = field(name(N, "placeholder_expression"), SQLDataType.BOOLEAN);
        public static final Field<Boolean> INITIAL_VALUE_EXPRESSION = field(name(N, "initial_value_expression"),
                SQLDataType.BOOLEAN);
        public static final Field<String> CHOICES = field(name(N, "choices"), SQLDataType.VARCHAR);
        public static final Field<Instant> CREATED = field(name(N, "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Prompts.class);
    }
}
