package dev.gatehouse.webauthn;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.gatehouse.authenticator.DeviceRowStore;
import dev.gatehouse.authenticator.DeviceTable;
import dev.gatehouse.store.Tables;
import dev.gatehouse.webauthn.WebAuthnDevice;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.SQLDataType;

/**
 * Rows of {@code authenticators_webauthn_device} ({@code V12__webauthn_devices.sql}, {@code V14}): users' WebAuthn
 * credentials. A credential id exists once across all users; the signature counter only moves by a conditional
 * update, so of two racing assertions with the same counter only one is accepted. Listing, renaming and deleting
 * go through the rows every device class shares ({@link #rows}).
 */
public final class WebAuthnDeviceStore {
    static final String N = DeviceTable.WEBAUTHN.tableName;

    /** jOOQ handles on the table. */
    public static final class Devices {
        public static final Table<Record> T = table(name(N));
        public static final Field<Long> ID = field(name(N, "id"), SQLDataType.BIGINT);
        public static final Field<Long> USER = field(name(N, "user_id"), SQLDataType.BIGINT);
        public static final Field<String> NAME = field(name(N, "name"), SQLDataType.VARCHAR);
        public static final Field<String> CREDENTIAL_ID = field(name(N, "credential_id"), SQLDataType.VARCHAR);
        public static final Field<String> CREDENTIAL_DATA = field(name(N, "credential_data"), SQLDataType.VARCHAR);
        public static final Field<Long> SIGN_COUNT = field(name(N, "sign_count"), SQLDataType.BIGINT);
        public static final Field<String> AAGUID = field(name(N, "aaguid"), SQLDataType.VARCHAR);
        public static final Field<String> RP_ID = field(name(N, "rp_id"), SQLDataType.VARCHAR);
        public static final Field<String> TRANSPORTS = field(name(N, "transports"), SQLDataType.VARCHAR);
        public static final Field<Boolean> UV_INITIALIZED = field(name(N, "uv_initialized"), SQLDataType.BOOLEAN);
        public static final Field<Boolean> BACKUP_ELIGIBLE = field(name(N, "backup_eligible"), SQLDataType.BOOLEAN);
        public static final Field<Boolean> BACKUP_STATE = field(name(N, "backup_state"), SQLDataType.BOOLEAN);
        public static final Field<Boolean> CONFIRMED = field(name(N, "confirmed"), SQLDataType.BOOLEAN);
        public static final Field<Instant> CREATED = field(name(N, "created"), SQLDataType.INSTANT);
        public static final Field<Instant> LAST_USED = field(name(N, "last_used"), SQLDataType.INSTANT);
        public static final Field<Instant> LAST_UPDATED = field(name(N, "last_updated"), SQLDataType.INSTANT);
        /** Declared last: static fields initialise in order. */
        public static final List<Field<?>> ALL = Tables.columns(Devices.class);

        private Devices() {
        }
    }

    private final DSLContext dsl;

    public WebAuthnDeviceStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Stores a new device; empty when its credential id is already registered (to anyone). */
    public Optional<WebAuthnDevice> insert(WebAuthnDevice d) {
        if (byCredentialId(d.credentialId()).isPresent()) {
            return Optional.empty();
        }
        try {
            // In its own savepoint: inside a flow request's transaction a refused insert must not end it (PostgreSQL).
            Long id = dsl.transactionResult(cfg -> cfg.dsl().insertInto(Devices.T).set(Devices.USER, d.user()).set(Devices.NAME, d.name())
                    .set(Devices.CREDENTIAL_ID, d.credentialId()).set(Devices.CREDENTIAL_DATA, d.credentialData())
                    .set(Devices.SIGN_COUNT, d.signCount()).set(Devices.AAGUID, d.aaguid()).set(Devices.RP_ID, d.rpId())
                    .set(Devices.TRANSPORTS, String.join(" ", d.transports().stream().sorted().toList()))
                    .set(Devices.UV_INITIALIZED, d.uvInitialized()).set(Devices.BACKUP_ELIGIBLE, d.backupEligible())
                    .set(Devices.BACKUP_STATE, d.backupState()).set(Devices.CONFIRMED, d.confirmed())
                    .set(Devices.CREATED, d.created()).set(Devices.LAST_UPDATED, d.created())
                    .set(Devices.LAST_USED, d.lastUsed())
                    .returningResult(Devices.ID).fetchOne(Devices.ID));
            return byPk(id);
        } catch (IntegrityConstraintViolationException e) {
            if (byCredentialId(d.credentialId()).isPresent()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Optional<WebAuthnDevice> byPk(long pk) {
        return dsl.select(Devices.ALL).from(Devices.T).where(Devices.ID.eq(pk)).fetchOptional(WebAuthnDeviceStore::map);
    }

    /** The device with this credential id (base64url), whoever it belongs to. */
    public Optional<WebAuthnDevice> byCredentialId(String credentialId) {
        return dsl.select(Devices.ALL).from(Devices.T).where(Devices.CREDENTIAL_ID.eq(credentialId))
                .fetchOptional(WebAuthnDeviceStore::map);
    }

    /** A user's devices, oldest first. */
    public List<WebAuthnDevice> byUser(long user) {
        return dsl.select(Devices.ALL).from(Devices.T).where(Devices.USER.eq(user)).orderBy(Devices.ID)
                .fetch(WebAuthnDeviceStore::map);
    }

    /** The rows every device class shares (list, rename, delete, last use), as device class {@code deviceClass}. */
    public DeviceRowStore rows(String deviceClass) {
        return new DeviceRowStore(dsl, DeviceTable.WEBAUTHN, deviceClass);
    }

    /**
     * Records an accepted assertion: the new signature counter and the time of use, only if the stored counter is
     * still {@code seenCount} (the value the assertion was verified against). False when another assertion moved
     * it in between: the caller must refuse this one.
     */
    public boolean recordUse(long pk, long seenCount, long newCount, Instant now) {
        return dsl.update(Devices.T).set(Devices.SIGN_COUNT, newCount).set(Devices.LAST_USED, now)
                .where(Devices.ID.eq(pk)).and(Devices.SIGN_COUNT.eq(seenCount)).execute() == 1;
    }

    private static WebAuthnDevice map(Record r) {
        Set<String> transports = new LinkedHashSet<>(Arrays.asList(r.get(Devices.TRANSPORTS).trim().split("\\s+")));
        transports.remove("");
        return new WebAuthnDevice(r.get(Devices.ID), r.get(Devices.USER), r.get(Devices.NAME),
                r.get(Devices.CREDENTIAL_ID), r.get(Devices.CREDENTIAL_DATA), r.get(Devices.SIGN_COUNT),
                r.get(Devices.AAGUID), r.get(Devices.RP_ID), transports, r.get(Devices.UV_INITIALIZED),
                r.get(Devices.BACKUP_ELIGIBLE), r.get(Devices.BACKUP_STATE), r.get(Devices.CONFIRMED),
                r.get(Devices.CREATED), r.get(Devices.LAST_USED));
    }
}
