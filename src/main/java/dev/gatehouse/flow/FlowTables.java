package dev.gatehouse.flow;

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

/** jOOQ handles on the flow, stage and flow-stage binding tables of {@code V2__flows.sql}. */
public final class FlowTables {
    private FlowTables() {
    }

    public static final class Flows {
        public static final Table<Record> T = table(name("flows_flow"));
        public static final Field<UUID> UUID_ = field(name("flows_flow", "uuid"), SQLDataType.UUID);
        public static final Field<String> SLUG = field(name("flows_flow", "slug"), SQLDataType.VARCHAR);
        public static final Field<String> NAME = field(name("flows_flow", "name"), SQLDataType.VARCHAR);
        public static final Field<String> TITLE = field(name("flows_flow", "title"), SQLDataType.VARCHAR);
        public static final Field<String> DESIGNATION = field(name("flows_flow", "designation"), SQLDataType.VARCHAR);
        public static final Field<String> AUTHENTICATION = field(name("flows_flow", "authentication"), SQLDataType.VARCHAR);
        public static final Field<String> DENIED_ACTION = field(name("flows_flow", "denied_action"), SQLDataType.VARCHAR);
        public static final Field<String> LAYOUT = field(name("flows_flow", "layout"), SQLDataType.VARCHAR);
        public static final Field<String> POLICY_ENGINE_MODE = field(name("flows_flow", "policy_engine_mode"), SQLDataType.VARCHAR);
        public static final Field<Boolean> COMPATIBILITY_MODE = field(name("flows_flow", "compatibility_mode"), SQLDataType.BOOLEAN);
        public static final Field<String> BACKGROUND = field(name("flows_flow", "background"), SQLDataType.VARCHAR);
        public static final Field<Instant> CREATED = field(name("flows_flow", "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Flows.class);
    }

    public static final class Stages {
        public static final Table<Record> T = table(name("flows_stage"));
        public static final Field<UUID> UUID_ = field(name("flows_stage", "uuid"), SQLDataType.UUID);
        public static final Field<String> NAME = field(name("flows_stage", "name"), SQLDataType.VARCHAR);
        public static final Field<String> TYPE = field(name("flows_stage", "stage_type"), SQLDataType.VARCHAR);
        public static final Field<String> CONFIG = field(name("flows_stage", "config"), SQLDataType.VARCHAR);
        public static final Field<Instant> CREATED = field(name("flows_stage", "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Stages.class);
    }

    public static final class FlowBindings {
        public static final Table<Record> T = table(name("flows_flowstagebinding"));
        public static final Field<UUID> UUID_ = field(name("flows_flowstagebinding", "uuid"), SQLDataType.UUID);
        public static final Field<UUID> TARGET = field(name("flows_flowstagebinding", "target_flow"), SQLDataType.UUID);
        public static final Field<UUID> STAGE = field(name("flows_flowstagebinding", "stage_uuid"), SQLDataType.UUID);
        public static final Field<Integer> ORDER = field(name("flows_flowstagebinding", "binding_order"), SQLDataType.INTEGER);
        public static final Field<Boolean> EVALUATE_ON_PLAN = field(name("flows_flowstagebinding", "evaluate_on_plan"), SQLDataType.BOOLEAN);
        public static final Field<Boolean> RE_EVALUATE_POLICIES = field(name("flows_flowstagebinding", "re_evaluate_policies"), SQLDataType.BOOLEAN);
        public static final Field<String> INVALID_RESPONSE_ACTION = field(name("flows_flowstagebinding", "invalid_response_action"), SQLDataType.VARCHAR);
        public static final Field<String> POLICY_ENGINE_MODE = field(name("flows_flowstagebinding", "policy_engine_mode"), SQLDataType.VARCHAR);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(FlowBindings.class);
    }
}
