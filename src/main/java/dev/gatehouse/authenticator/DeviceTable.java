package dev.gatehouse.authenticator;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * jOOQ handles on the columns every authenticator device table shares ({@code V11__mfa_devices.sql}, and
 * {@code V12__webauthn_devices.sql} with {@code V14}: id, user_id, name, confirmed, created, last_updated,
 * last_used); a class's own columns are in its store.
 */
public final class DeviceTable {
    public final String tableName;
    public final Table<Record> t;
    public final Field<Long> id;
    public final Field<Long> user;
    public final Field<String> name;
    public final Field<Boolean> confirmed;
    public final Field<Instant> created;
    public final Field<Instant> lastUpdated;
    public final Field<Instant> lastUsed;
    public final List<Field<?>> all;

    public DeviceTable(String tableName) {
        this.tableName = tableName;
        this.t = table(name(tableName));
        this.id = field(name(tableName, "id"), SQLDataType.BIGINT);
        this.user = field(name(tableName, "user_id"), SQLDataType.BIGINT);
        this.name = field(name(tableName, "name"), SQLDataType.VARCHAR);
        this.confirmed = field(name(tableName, "confirmed"), SQLDataType.BOOLEAN);
        this.created = field(name(tableName, "created"), SQLDataType.INSTANT);
        this.lastUpdated = field(name(tableName, "last_updated"), SQLDataType.INSTANT);
        this.lastUsed = field(name(tableName, "last_used"), SQLDataType.INSTANT);
        this.all = List.of(id, user, name, confirmed, created, lastUpdated, lastUsed);
    }

    public <T> Field<T> column(String column, org.jooq.DataType<T> type) {
        return field(name(tableName, column), type);
    }

    public static final DeviceTable TOTP = new DeviceTable("stages_authenticator_totp_totpdevice");
    public static final DeviceTable STATIC = new DeviceTable("stages_authenticator_static_staticdevice");
    public static final DeviceTable WEBAUTHN = new DeviceTable("authenticators_webauthn_device");
}
