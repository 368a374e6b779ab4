package dev.gatehouse.policy;

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

/** jOOQ handles on the policy tables of {@code V1__core.sql}. */
public final class PolicyTables {
    private PolicyTables() {
    }

    public static final class Policies {
        public static final Table<Record> T = table(name("policies_policy"));
        public static final Field<UUID> UUID_ = field(name("policies_policy", "uuid"), SQLDataType.UUID);
        public static final Field<String> NAME = field(name("policies_policy", "name"), SQLDataType.VARCHAR);
        public static final Field<String> TYPE = field(name("policies_policy", "policy_type"), SQLDataType.VARCHAR);
        public static final Field<String> CONFIG = field(name("policies_policy", "config"), SQLDataType.VARCHAR);
        public static final Field<Boolean> EXECUTION_LOGGING = field(name("policies_policy", "execution_logging"), SQLDataType.BOOLEAN);
        public static final Field<Instant> CREATED = field(name("policies_policy", "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Policies.class);
    }

    public static final class PolicyBindings {
        public static final Table<Record> T = table(name("policies_policybinding"));
        public static final Field<UUID> UUID_ = field(name("policies_policybinding", "uuid"), SQLDataType.UUID);
        public static final Field<UUID> TARGET_FLOW = field(name("policies_policybinding", "target_flow"), SQLDataType.UUID);
        public static final Field<UUID> TARGET_BINDING = field(name("policies_policybinding", "target_binding"), SQLDataType.UUID);
        public static final Field<UUID> TARGET_APPLICATION = field(name("policies_policybinding", "target_application"), SQLDataType.UUID);
        public static final Field<UUID> TARGET_NOTIFICATION_RULE = field(name("policies_policybinding", "target_notification_rule"), SQLDataType.UUID);
        public static final Field<UUID> POLICY = field(name("policies_policybinding", "policy_uuid"), SQLDataType.UUID);
        public static final Field<UUID> GROUP = field(name("policies_policybinding", "group_uuid"), SQLDataType.UUID);
        public static final Field<Long> USER = field(name("policies_policybinding", "user_id"), SQLDataType.BIGINT);
        public static final Field<Boolean> NEGATE = field(name("policies_policybinding", "negate"), SQLDataType.BOOLEAN);
        public static final Field<Boolean> ENABLED = field(name("policies_policybinding", "enabled"), SQLDataType.BOOLEAN);
        public static final Field<Integer> ORDER = field(name("policies_policybinding", "binding_order"), SQLDataType.INTEGER);
        public static final Field<Integer> TIMEOUT = field(name("policies_policybinding", "timeout"), SQLDataType.INTEGER);
        public static final Field<Boolean> FAILURE_RESULT = field(name("policies_policybinding", "failure_result"), SQLDataType.BOOLEAN);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(PolicyBindings.class);
    }
}
