package dev.gatehouse.core;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.gatehouse.store.Tables;
import java.time.Instant;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import java.util.List;
import java.util.ArrayList;

/**
 * jOOQ handles on the core tables of {@code V1__core.sql}: users, groups, providers, applications, tokens, brands
 * and events.
 */
public final class CoreTables {
    private CoreTables() {
    }

    public static final class Users {
        public static final Table<Record> T = table(name("core_user"));
        public static final Field<Long> ID = field(name("core_user", "id"), SQLDataType.BIGINT);
        public static final Field<UUID> UUID_ = field(name("core_user", "uuid"), SQLDataType.UUID);
        public static final Field<String> USERNAME = field(name("core_user", "username"), SQLDataType.VARCHAR);
        public static final Field<String> NAME = field(name("core_user", "name"), SQLDataType.VARCHAR);
        public static final Field<String> EMAIL = field(name("core_user", "email"), SQLDataType.VARCHAR);
        public static final Field<String> PASSWORD = field(name("core_user", "password"), SQLDataType.VARCHAR);
        public static final Field<Instant> PASSWORD_CHANGE_DATE = field(name("core_user", "password_change_date"), SQLDataType.INSTANT);
        public static final Field<Boolean> IS_ACTIVE = field(name("core_user", "is_active"), SQLDataType.BOOLEAN);
        public static final Field<String> TYPE = field(name("core_user", "user_type"), SQLDataType.VARCHAR);
        public static final Field<String> PATH = field(name("core_user", "path"), SQLDataType.VARCHAR);
        public static final Field<String> ATTRIBUTES = field(name("core_user", "attributes"), SQLDataType.VARCHAR);
        public static final Field<Instant> LAST_LOGIN = field(name("core_user", "last_login"), SQLDataType.INSTANT);
        public static final Field<Instant> DATE_JOINED = field(name("core_user", "date_joined"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Users.class);
    }

    public static final class Groups {
        public static final Table<Record> T = table(name("core_group"));
        public static final Field<UUID> UUID_ = field(name("core_group", "uuid"), SQLDataType.UUID);
        public static final Field<String> NAME = field(name("core_group", "name"), SQLDataType.VARCHAR);
        public static final Field<Boolean> IS_SUPERUSER = field(name("core_group", "is_superuser"), SQLDataType.BOOLEAN);
        public static final Field<String> ATTRIBUTES = field(name("core_group", "attributes"), SQLDataType.VARCHAR);
        public static final Field<Instant> CREATED = field(name("core_group", "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Groups.class);
    }

    public static final class GroupParents {
        public static final Table<Record> T = table(name("core_group_parent"));
        public static final Field<UUID> GROUP = field(name("core_group_parent", "group_uuid"), SQLDataType.UUID);
        public static final Field<UUID> PARENT = field(name("core_group_parent", "parent_uuid"), SQLDataType.UUID);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(GroupParents.class);
    }

    public static final class Memberships {
        public static final Table<Record> T = table(name("core_user_group"));
        public static final Field<Long> USER = field(name("core_user_group", "user_id"), SQLDataType.BIGINT);
        public static final Field<UUID> GROUP = field(name("core_user_group", "group_uuid"), SQLDataType.UUID);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Memberships.class);
    }

    public static final class Providers {
        public static final Table<Record> T = table(name("core_provider"));
        public static final Field<Long> ID = field(name("core_provider", "id"), SQLDataType.BIGINT);
        public static final Field<String> NAME = field(name("core_provider", "name"), SQLDataType.VARCHAR);
        public static final Field<String> KIND = field(name("core_provider", "kind"), SQLDataType.VARCHAR);
        public static final Field<UUID> AUTHORIZATION_FLOW = field(name("core_provider", "authorization_flow"), SQLDataType.UUID);
        public static final Field<UUID> AUTHENTICATION_FLOW = field(name("core_provider", "authentication_flow"), SQLDataType.UUID);
        public static final Field<UUID> INVALIDATION_FLOW = field(name("core_provider", "invalidation_flow"), SQLDataType.UUID);
        public static final Field<Instant> CREATED = field(name("core_provider", "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Providers.class);
    }

    public static final class Applications {
        public static final Table<Record> T = table(name("core_application"));
        public static final Field<UUID> UUID_ = field(name("core_application", "uuid"), SQLDataType.UUID);
        public static final Field<String> SLUG = field(name("core_application", "slug"), SQLDataType.VARCHAR);
        public static final Field<String> NAME = field(name("core_application", "name"), SQLDataType.VARCHAR);
        public static final Field<Long> PROVIDER = field(name("core_application", "provider_id"), SQLDataType.BIGINT);
        public static final Field<String> META_LAUNCH_URL = field(name("core_application", "meta_launch_url"), SQLDataType.VARCHAR);
        public static final Field<String> META_DESCRIPTION = field(name("core_application", "meta_description"), SQLDataType.VARCHAR);
        public static final Field<String> META_PUBLISHER = field(name("core_application", "meta_publisher"), SQLDataType.VARCHAR);
        public static final Field<String> META_ICON = field(name("core_application", "meta_icon"), SQLDataType.VARCHAR);
        public static final Field<String> GROUP = field(name("core_application", "app_group"), SQLDataType.VARCHAR);
        public static final Field<String> POLICY_ENGINE_MODE = field(name("core_application", "policy_engine_mode"), SQLDataType.VARCHAR);
        public static final Field<Boolean> OPEN_IN_NEW_TAB = field(name("core_application", "open_in_new_tab"), SQLDataType.BOOLEAN);
        public static final Field<Instant> CREATED = field(name("core_application", "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Applications.class);
    }

    public static final class Tokens {
        public static final Table<Record> T = table(name("core_token"));
        public static final Field<UUID> UUID_ = field(name("core_token", "uuid"), SQLDataType.UUID);
        public static final Field<String> IDENTIFIER = field(name("core_token", "identifier"), SQLDataType.VARCHAR);
        public static final Field<String> KEY_HASH = field(name("core_token", "key_hash"), SQLDataType.CHAR(64));
        public static final Field<String> INTENT = field(name("core_token", "intent"), SQLDataType.VARCHAR);
        public static final Field<Long> USER = field(name("core_token", "user_id"), SQLDataType.BIGINT);
        public static final Field<String> DESCRIPTION = field(name("core_token", "description"), SQLDataType.VARCHAR);
        public static final Field<Instant> EXPIRES = field(name("core_token", "expires"), SQLDataType.INSTANT);
        public static final Field<Boolean> EXPIRING = field(name("core_token", "expiring"), SQLDataType.BOOLEAN);
        public static final Field<String> MANAGED = field(name("core_token", "managed"), SQLDataType.VARCHAR);
        public static final Field<Instant> CREATED = field(name("core_token", "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Tokens.class);
    }

    public static final class Brands {
        public static final Table<Record> T = table(name("core_brand"));
        public static final Field<UUID> UUID_ = field(name("core_brand", "uuid"), SQLDataType.UUID);
        public static final Field<String> DOMAIN = field(name("core_brand", "domain"), SQLDataType.VARCHAR);
        public static final Field<Boolean> IS_DEFAULT = field(name("core_brand", "is_default"), SQLDataType.BOOLEAN);
        public static final Field<String> BRANDING_TITLE = field(name("core_brand", "branding_title"), SQLDataType.VARCHAR);
        public static final Field<String> BRANDING_LOGO = field(name("core_brand", "branding_logo"), SQLDataType.VARCHAR);
        public static final Field<String> BRANDING_FAVICON = field(name("core_brand", "branding_favicon"), SQLDataType.VARCHAR);
        public static final Field<UUID> FLOW_AUTHENTICATION = field(name("core_brand", "flow_authentication"), SQLDataType.UUID);
        public static final Field<UUID> FLOW_INVALIDATION = field(name("core_brand", "flow_invalidation"), SQLDataType.UUID);
        public static final Field<UUID> FLOW_RECOVERY = field(name("core_brand", "flow_recovery"), SQLDataType.UUID);
        public static final Field<UUID> FLOW_UNENROLLMENT = field(name("core_brand", "flow_unenrollment"), SQLDataType.UUID);
        public static final Field<UUID> FLOW_USER_SETTINGS = field(name("core_brand", "flow_user_settings"), SQLDataType.UUID);
        public static final Field<UUID> FLOW_DEVICE_CODE = field(name("core_brand", "flow_device_code"), SQLDataType.UUID);
        public static final Field<UUID> FLOW_LOCKDOWN = field(name("core_brand", "flow_lockdown"), SQLDataType.UUID);
        public static final Field<UUID> DEFAULT_APPLICATION = field(name("core_brand", "default_application"), SQLDataType.UUID);
        public static final Field<String> ATTRIBUTES = field(name("core_brand", "attributes"), SQLDataType.VARCHAR);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Brands.class);
    }

    public static final class Events {
        public static final Table<Record> T = table(name("events_event"));
        public static final Field<UUID> UUID_ = field(name("events_event", "uuid"), SQLDataType.UUID);
        public static final Field<String> ACTION = field(name("events_event", "action"), SQLDataType.VARCHAR);
        public static final Field<String> USER = field(name("events_event", "user_json"), SQLDataType.VARCHAR);
        public static final Field<String> USERNAME = field(name("events_event", "username"), SQLDataType.VARCHAR);
        public static final Field<String> APP = field(name("events_event", "app"), SQLDataType.VARCHAR);
        public static final Field<String> CONTEXT = field(name("events_event", "context"), SQLDataType.VARCHAR);
        public static final Field<String> CLIENT_IP = field(name("events_event", "client_ip"), SQLDataType.VARCHAR);
        public static final Field<String> BRAND = field(name("events_event", "brand"), SQLDataType.VARCHAR);
        public static final Field<Instant> CREATED = field(name("events_event", "created"), SQLDataType.INSTANT);
        public static final Field<Instant> EXPIRES = field(name("events_event", "expires"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Events.class);
    }
}
