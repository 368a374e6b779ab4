package dev.gatehouse.authenticator;

import dev.gatehouse.authenticator.Device;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;

/**
 * Rows of {@code stages_authenticator_totp_totpdevice}: the sealed secret, digits and period of each TOTP device,
 * and the last accepted time step. {@link #advance} moves that step forward only if it is still before the new
 * one, in one statement, so two requests with the same code cannot both succeed.
 */
public final class TotpDeviceStore {
    static final DeviceTable D = DeviceTable.TOTP;
    static final Field<String> SECRET = D.column("secret", SQLDataType.VARCHAR);
    static final Field<Integer> DIGITS = D.column("digits", SQLDataType.INTEGER);
    static final Field<Integer> STEP = D.column("step", SQLDataType.INTEGER);
    static final Field<Long> LAST_T = D.column("last_t", SQLDataType.BIGINT);

    /** What checking a code needs: the sealed secret, the code's shape and the last accepted step. */
    public record Secret(long pk, long user, String sealed, int digits, int period, long lastStep) {
        @Override
        public String toString() {
            return "Secret[pk=" + pk + ", user=" + user + "]";
        }
    }

    private final DSLContext dsl;

    public TotpDeviceStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public DeviceRowStore rows(String deviceClass) {
        return new DeviceRowStore(dsl, D, deviceClass);
    }

    /** A confirmed device; {@code sealed} is the secret as sealed for this user. */
    public long insert(long user, String name, String sealed, int digits, int period, Instant now) {
        return insert(user, name, sealed, digits, period, now, -1);
    }

    /**
     * A confirmed device whose codes up to {@code lastStep} are spent (the code that confirmed it); confirming is
     * not a use, so {@code last_used} stays empty.
     */
    public long insert(long user, String name, String sealed, int digits, int period, Instant now, long lastStep) {
        return dsl.insertInto(D.t).set(D.user, user).set(D.name, name).set(D.confirmed, true).set(D.created, now)
                .set(D.lastUpdated, now).set(SECRET, sealed).set(DIGITS, digits).set(STEP, period).set(LAST_T, lastStep)
                .returningResult(D.id).fetchOne(D.id);
    }

    /** The secrets of the user's confirmed devices among {@code pks}. */
    public List<Secret> secrets(long user, List<Long> pks) {
        return dsl.select(D.id, D.user, SECRET, DIGITS, STEP, LAST_T).from(D.t)
                .where(D.user.eq(user)).and(D.confirmed.isTrue()).and(D.id.in(pks))
                .fetch(r -> new Secret(r.get(D.id), r.get(D.user), r.get(SECRET), r.get(DIGITS), r.get(STEP),
                        r.get(LAST_T)));
    }

    public Optional<Secret> secret(long pk) {
        return dsl.select(D.id, D.user, SECRET, DIGITS, STEP, LAST_T).from(D.t).where(D.id.eq(pk))
                .fetchOptional(r -> new Secret(r.get(D.id), r.get(D.user), r.get(SECRET), r.get(DIGITS), r.get(STEP),
                        r.get(LAST_T)));
    }

    /**
     * Records {@code step} as the device's last accepted one, and {@code when} as its last use, if the stored step
     * is still before it; false when another request got there first (a replay).
     */
    public boolean advance(long pk, long step, Instant when) {
        return dsl.update(D.t).set(LAST_T, step).set(D.lastUsed, when).where(D.id.eq(pk)).and(LAST_T.lt(step))
                .execute() == 1;
    }

    public Optional<Device> device(long pk, String deviceClass) {
        return rows(deviceClass).byPk(pk);
    }
}
