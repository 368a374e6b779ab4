package dev.gatehouse.provider.oauth2.device;

import static dev.gatehouse.provider.oauth2.device.DeviceCodeTables.DeviceCodes.*;

import dev.gatehouse.provider.oauth2.device.DeviceAuthorization;
import dev.gatehouse.provider.oauth2.device.DeviceAuthorization.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Device authorization requests ({@code V9__oauth2_device_codes.sql}, RFC 8628). Every lookup is by hash; every
 * change of status is one conditional update, so of two racing callers exactly one wins.
 */
public final class OAuth2DeviceStore {
    /** RFC 8628 §3.5: after {@code slow_down} the interval grows by 5 seconds for this and all later polls. */
    public static final Duration SLOW_DOWN = Duration.ofSeconds(5);
    private final DSLContext dsl;

    public OAuth2DeviceStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Stores a new request; false when its user code hash is already taken (draw another code). */
    public boolean insert(DeviceAuthorization d) {
        try {
            // In its own savepoint: inside a transaction a refused insert must not end it (PostgreSQL).
            return dsl.transactionResult(cfg -> cfg.dsl().insertInto(T).set(DEVICE_CODE_HASH, d.deviceCodeHash()).set(USER_CODE_HASH, d.userCodeHash())
                    .set(FAMILY, d.family()).set(PROVIDER, d.provider()).set(SCOPE, d.scope())
                    .set(STATUS, d.status().wire()).set(USER, d.user()).set(AUTH_TIME, d.authTime())
                    .set(SESSION_HASH, d.sessionHash()).set(AMR, d.amr() == null ? "" : d.amr())
                    .set(POLL_INTERVAL, (int) d.interval().toSeconds()).set(NEXT_POLL, d.nextPoll())
                    .set(EXPIRES, d.expires()).set(CREATED, Instant.now()).execute() == 1);
        } catch (IntegrityConstraintViolationException e) {
            if (byUserCodeHash(d.userCodeHash()).isPresent()) {
                return false;
            }
            throw e;
        }
    }

    public Optional<DeviceAuthorization> byDeviceCodeHash(String hash) {
        return dsl.select(ALL).from(T).where(DEVICE_CODE_HASH.eq(hash)).fetchOptional(OAuth2DeviceStore::map);
    }

    public Optional<DeviceAuthorization> byUserCodeHash(String hash) {
        return dsl.select(ALL).from(T).where(USER_CODE_HASH.eq(hash)).fetchOptional(OAuth2DeviceStore::map);
    }

    /**
     * Records a poll of the token endpoint at {@code now}: true when it came no earlier than the stored interval
     * allows. A poll that came too early makes the interval 5 seconds longer (RFC 8628 §3.5 {@code slow_down});
     * either way the next poll is due one (new) interval from now.
     */
    public boolean poll(DeviceAuthorization d, Instant now) {
        boolean onPace = dsl.update(T).set(NEXT_POLL, now.plus(d.interval()))
                .where(DEVICE_CODE_HASH.eq(d.deviceCodeHash())).and(NEXT_POLL.le(now)).execute() == 1;
        if (!onPace) {
            dsl.update(T).set(POLL_INTERVAL, POLL_INTERVAL.plus((int) SLOW_DOWN.toSeconds()))
                    .set(NEXT_POLL, now.plus(d.interval()).plus(SLOW_DOWN))
                    .where(DEVICE_CODE_HASH.eq(d.deviceCodeHash())).execute();
        }
        return onPace;
    }

    /** The user allowed the request: true only for a pending, unexpired one (and only for the first caller). */
    public boolean approve(String deviceCodeHash, long user, Instant authTime, String sessionHash, String amr,
                           Instant now) {
        return dsl.update(T).set(STATUS, Status.APPROVED.wire()).set(USER, user).set(AUTH_TIME, authTime)
                .set(SESSION_HASH, sessionHash).set(AMR, amr == null ? "" : amr)
                .where(DEVICE_CODE_HASH.eq(deviceCodeHash)).and(STATUS.eq(Status.PENDING.wire()))
                .and(EXPIRES.gt(now)).execute() == 1;
    }

    /** The user declined the request: true only for a pending one. */
    public boolean deny(String deviceCodeHash, long user) {
        return dsl.update(T).set(STATUS, Status.DENIED.wire()).set(USER, user)
                .where(DEVICE_CODE_HASH.eq(deviceCodeHash)).and(STATUS.eq(Status.PENDING.wire())).execute() == 1;
    }

    /** Marks an approved request redeemed; true only for the one caller that redeemed it first (single use). */
    public boolean redeem(String deviceCodeHash) {
        return dsl.update(T).set(STATUS, Status.REDEEMED.wire())
                .where(DEVICE_CODE_HASH.eq(deviceCodeHash)).and(STATUS.eq(Status.APPROVED.wire())).execute() == 1;
    }

    /**
     * Refuses every request the user approved and the device has not redeemed yet (a lockdown): the device's next
     * poll gets {@code access_denied}. The number refused.
     */
    public int denyApprovedOfUser(long user) {
        return dsl.update(T).set(STATUS, Status.DENIED.wire())
                .where(USER.eq(user)).and(STATUS.eq(Status.APPROVED.wire())).execute();
    }

    /** Deletes requests that expired before {@code now}; the number of rows removed. */
    public int deleteExpired(Instant now) {
        return dsl.deleteFrom(T).where(EXPIRES.lt(now)).execute();
    }

    private static DeviceAuthorization map(Record r) {
        return new DeviceAuthorization(r.get(DEVICE_CODE_HASH), r.get(USER_CODE_HASH), r.get(FAMILY), r.get(PROVIDER),
                r.get(SCOPE), Status.ofWire(r.get(STATUS)), r.get(USER), r.get(AUTH_TIME), r.get(SESSION_HASH),
                r.get(AMR), Duration.ofSeconds(r.get(POLL_INTERVAL)), r.get(NEXT_POLL), r.get(EXPIRES));
    }
}
