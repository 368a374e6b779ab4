package dev.gatehouse.crypto.certificatekeypairs;

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

/** jOOQ handles on the tables of {@code V5__certificate_keypairs.sql}. */
public final class CryptoTables {
    private CryptoTables() {
    }

    public static final class KeyPairs {
        public static final Table<Record> T = table(name("crypto_certificatekeypair"));
        public static final Field<UUID> UUID_ = field(name("crypto_certificatekeypair", "uuid"), SQLDataType.UUID);
        public static final Field<String> NAME = field(name("crypto_certificatekeypair", "name"), SQLDataType.VARCHAR);
        public static final Field<String> CERTIFICATE_DATA = field(name("crypto_certificatekeypair", "certificate_data"), SQLDataType.VARCHAR);
        public static final Field<String> KEY_DATA = field(name("crypto_certificatekeypair", "key_data"), SQLDataType.VARCHAR);
        public static final Field<String> KEY_TYPE = field(name("crypto_certificatekeypair", "key_type"), SQLDataType.VARCHAR);
        public static final Field<String> FINGERPRINT_SHA256 = field(name("crypto_certificatekeypair", "fingerprint_sha256"), SQLDataType.VARCHAR);
        public static final Field<String> FINGERPRINT_SHA1 = field(name("crypto_certificatekeypair", "fingerprint_sha1"), SQLDataType.VARCHAR);
        public static final Field<String> CERT_SUBJECT = field(name("crypto_certificatekeypair", "cert_subject"), SQLDataType.VARCHAR);
        public static final Field<Instant> NOT_BEFORE = field(name("crypto_certificatekeypair", "not_before"), SQLDataType.INSTANT);
        public static final Field<Instant> NOT_AFTER = field(name("crypto_certificatekeypair", "not_after"), SQLDataType.INSTANT);
        public static final Field<String> MANAGED = field(name("crypto_certificatekeypair", "managed"), SQLDataType.VARCHAR);
        public static final Field<Instant> CREATED = field(name("crypto_certificatekeypair", "created"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(KeyPairs.class);
    }
}
