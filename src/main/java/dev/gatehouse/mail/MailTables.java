package dev.gatehouse.mail;

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

/** jOOQ handles on the outgoing mail queue ({@code V19__mail_queue.sql}). */
public final class MailTables {
    private MailTables() {
    }

    public static final class MailQueueRows {
        private static final String N = "mail_queue";
        public static final Table<Record> T = table(name(N));
        public static final Field<UUID> ID = field(name(N, "id"), SQLDataType.UUID);
        public static final Field<String> RECIPIENT = field(name(N, "recipient"), SQLDataType.VARCHAR);
        public static final Field<String> SUBJECT = field(name(N, "subject"), SQLDataType.VARCHAR);
        public static final Field<String> BODY_HTML = field(name(N, "body_html"), SQLDataType.VARCHAR);
        public static final Field<String> BODY_TEXT = field(name(N, "body_text"), SQLDataType.VARCHAR);
        public static final Field<String> SMTP_HOST = field(name(N, "smtp_host"), SQLDataType.VARCHAR);
        public static final Field<Integer> SMTP_PORT = field(name(N, "smtp_port"), SQLDataType.INTEGER);
        public static final Field<String> SMTP_USERNAME = field(name(N, "smtp_username"), SQLDataType.VARCHAR);
        public static final Field<String> SMTP_PASSWORD = field(name(N, "smtp_password"), SQLDataType.VARCHAR);
        public static final Field<Boolean> SMTP_USE_TLS = field(name(N, "smtp_use_tls"), SQLDataType.BOOLEAN);
        public static final Field<Boolean> SMTP_USE_SSL = field(name(N, "smtp_use_ssl"), SQLDataType.BOOLEAN);
        public static final Field<Integer> SMTP_TIMEOUT = field(name(N, "smtp_timeout"), SQLDataType.INTEGER);
        public static final Field<String> SMTP_FROM = field(name(N, "smtp_from"), SQLDataType.VARCHAR);
        public static final Field<String> STATUS = field(name(N, "status"), SQLDataType.VARCHAR);
        public static final Field<Integer> ATTEMPTS = field(name(N, "attempts"), SQLDataType.INTEGER);
        public static final Field<Instant> NEXT_ATTEMPT = field(name(N, "next_attempt"), SQLDataType.INSTANT);
        public static final Field<String> CLAIMED_BY = field(name(N, "claimed_by"), SQLDataType.VARCHAR);
        public static final Field<Instant> CLAIMED_UNTIL = field(name(N, "claimed_until"), SQLDataType.INSTANT);
        public static final Field<String> LAST_ERROR = field(name(N, "last_error"), SQLDataType.VARCHAR);
        public static final Field<Instant> CREATED = field(name(N, "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(MailQueueRows.class);
    }
}
