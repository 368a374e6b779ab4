package dev.gatehouse.flow.engine;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** jOOQ handles on the table of {@code V16__flow_state.sql} (and its {@code user_id}, V24). */
final class FlowPlanTable {
    static final Table<Record> T = table(name("flows_plan_state"));
    static final Field<String> KEY_HASH = field(name("flows_plan_state", "key_hash"), SQLDataType.CHAR(64));
    static final Field<UUID> FLOW = field(name("flows_plan_state", "flow_id"), SQLDataType.UUID);
    static final Field<String> STATE = field(name("flows_plan_state", "state"), SQLDataType.VARCHAR);
    static final Field<Instant> EXPIRES = field(name("flows_plan_state", "expires"), SQLDataType.INSTANT);
    /** The plan's pending user when it has one (V24): a lockdown deletes the user's plans by it. */
    static final Field<Long> USER = field(name("flows_plan_state", "user_id"), SQLDataType.BIGINT);

    private FlowPlanTable() {
    }
}
