package dev.gatehouse.notification;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** jOOQ handles on the notification tables ({@code V25__notifications.sql}). */
final class NotificationTables {
    private NotificationTables() {
    }

    static final class Transports {
        private static final String N = "events_notificationtransport";
        static final Table<Record> T = table(name(N));
        static final Field<UUID> UUID_ = field(name(N, "uuid"), SQLDataType.UUID);
        static final Field<String> NAME = field(name(N, "name"), SQLDataType.VARCHAR);
        static final Field<String> MODE = field(name(N, "mode"), SQLDataType.VARCHAR);
        static final Field<String> WEBHOOK_URL = field(name(N, "webhook_url"), SQLDataType.VARCHAR);
        static final Field<String> WEBHOOK_SECRET = field(name(N, "webhook_secret"), SQLDataType.VARCHAR);
        static final Field<Boolean> SEND_ONCE = field(name(N, "send_once"), SQLDataType.BOOLEAN);
        static final List<Field<?>> ALL = List.of(UUID_, NAME, MODE, WEBHOOK_URL, WEBHOOK_SECRET, SEND_ONCE);
    }

    static final class Rules {
        private static final String N = "events_notificationrule";
        static final Table<Record> T = table(name(N));
        static final Field<UUID> UUID_ = field(name(N, "uuid"), SQLDataType.UUID);
        static final Field<String> NAME = field(name(N, "name"), SQLDataType.VARCHAR);
        static final Field<String> SEVERITY = field(name(N, "severity"), SQLDataType.VARCHAR);
        static final Field<UUID> GROUP = field(name(N, "destination_group"), SQLDataType.UUID);
        static final Field<Boolean> EVENT_USER = field(name(N, "destination_event_user"), SQLDataType.BOOLEAN);
        static final List<Field<?>> ALL = List.of(UUID_, NAME, SEVERITY, GROUP, EVENT_USER);
    }

    static final class RuleTransports {
        private static final String N = "events_notificationrule_transports";
        static final Table<Record> T = table(name(N));
        static final Field<UUID> RULE = field(name(N, "rule_uuid"), SQLDataType.UUID);
        static final Field<UUID> TRANSPORT = field(name(N, "transport_uuid"), SQLDataType.UUID);
    }

    static final class Notifications {
        private static final String N = "events_notification";
        static final Table<Record> T = table(name(N));
        static final Field<UUID> UUID_ = field(name(N, "uuid"), SQLDataType.UUID);
        static final Field<Long> USER = field(name(N, "user_id"), SQLDataType.BIGINT);
        static final Field<UUID> EVENT = field(name(N, "event_uuid"), SQLDataType.UUID);
        static final Field<String> SEVERITY = field(name(N, "severity"), SQLDataType.VARCHAR);
        static final Field<String> BODY = field(name(N, "body"), SQLDataType.VARCHAR);
        static final Field<Instant> CREATED = field(name(N, "created"), SQLDataType.INSTANT);
        static final Field<Boolean> SEEN = field(name(N, "seen"), SQLDataType.BOOLEAN);
        static final List<Field<?>> ALL = List.of(UUID_, USER, EVENT, SEVERITY, BODY, CREATED, SEEN);
    }

    static final class Queue {
        private static final String N = "events_notificationqueue";
        static final Table<Record> T = table(name(N));
        static final Field<UUID> ID = field(name(N, "id"), SQLDataType.UUID);
        static final Field<String> KIND = field(name(N, "kind"), SQLDataType.VARCHAR);
        static final Field<UUID> EVENT = field(name(N, "event_uuid"), SQLDataType.UUID);
        static final Field<UUID> RULE = field(name(N, "rule_uuid"), SQLDataType.UUID);
        static final Field<UUID> TRANSPORT = field(name(N, "transport_uuid"), SQLDataType.UUID);
        static final Field<Long> USER = field(name(N, "user_id"), SQLDataType.BIGINT);
        static final Field<String> STATUS = field(name(N, "status"), SQLDataType.VARCHAR);
        static final Field<Integer> ATTEMPTS = field(name(N, "attempts"), SQLDataType.INTEGER);
        static final Field<Instant> NEXT_ATTEMPT = field(name(N, "next_attempt"), SQLDataType.INSTANT);
        static final Field<String> CLAIMED_BY = field(name(N, "claimed_by"), SQLDataType.VARCHAR);
        static final Field<Instant> CLAIMED_UNTIL = field(name(N, "claimed_until"), SQLDataType.INSTANT);
        static final Field<String> LAST_ERROR = field(name(N, "last_error"), SQLDataType.VARCHAR);
        static final Field<Instant> CREATED = field(name(N, "created"), SQLDataType.INSTANT);
        static final List<Field<?>> ALL = List.of(ID, KIND, EVENT, RULE, TRANSPORT, USER, STATUS, ATTEMPTS, NEXT_ATTEMPT, CLAIMED_BY, CLAIMED_UNTIL, LAST_ERROR, CREATED);
    }
}
