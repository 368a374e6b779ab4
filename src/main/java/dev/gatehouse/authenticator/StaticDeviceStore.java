package dev.gatehouse.authenticator;

import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Rows of {@code stages_authenticator_static_staticdevice} and its codes, {@code ..._statictoken}: only the
 * SHA-256 (hex) of each code is stored. {@link #consume} deletes a code's row, in one statement, so a code is
 * used once even by two requests at the same moment.
 */
public final class StaticDeviceStore {
    static final DeviceTable D = DeviceTable.STATIC;
    static final String TOKENS = "stages_authenticator_static_statictoken";
    static final Table<Record> T = DSL.table(DSL.name(TOKENS));
    static final Field<Long> TOKEN_ID = DSL.field(DSL.name(TOKENS, "id"), SQLDataType.BIGINT);
    static final Field<Long> TOKEN_DEVICE = DSL.field(DSL.name(TOKENS, "device_id"), SQLDataType.BIGINT);
    static final Field<String> TOKEN_HASH = DSL.field(DSL.name(TOKENS, "token_hash"), SQLDataType.CHAR(64));

    /** One unused code of a device, by its hash. */
    public record Token(long id, long device, String hash) {
    }

    private final DSLContext dsl;

    public StaticDeviceStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public DeviceRowStore rows(String deviceClass) {
        return new DeviceRowStore(dsl, D, deviceClass);
    }

    /** A confirmed device with the given code hashes. */
    public long insert(long user, String name, List<String> codeHashes, Instant now) {
        long id = dsl.insertInto(D.t).set(D.user, user).set(D.name, name).set(D.confirmed, true).set(D.created, now)
                .set(D.lastUpdated, now).returningResult(D.id).fetchOne(D.id);
        for (String hash : codeHashes) {
            dsl.insertInto(T).set(TOKEN_DEVICE, id).set(TOKEN_HASH, hash).execute();
        }
        return id;
    }

    /** The unused codes of the user's confirmed devices among {@code devices}. */
    public List<Token> tokens(long user, List<Long> devices) {
        return dsl.select(TOKEN_ID, TOKEN_DEVICE, TOKEN_HASH).from(T).join(D.t).on(TOKEN_DEVICE.eq(D.id))
                .where(D.user.eq(user)).and(D.confirmed.isTrue()).and(D.id.in(devices))
                .orderBy(TOKEN_ID)
                .fetch(r -> new Token(r.get(TOKEN_ID), r.get(TOKEN_DEVICE), r.get(TOKEN_HASH)));
    }

    /** Deletes the code and records the device's use; false when it was already used. */
    public boolean consume(Token token, Instant when) {
        if (dsl.deleteFrom(T).where(TOKEN_ID.eq(token.id())).execute() != 1) {
            return false;
        }
        dsl.update(D.t).set(D.lastUsed, when).where(D.id.eq(token.device())).execute();
        return true;
    }

    public int remaining(long device) {
        return dsl.fetchCount(T, TOKEN_DEVICE.eq(device));
    }
}
