package dev.gatehouse.stage.authenticator_totp;

import dev.gatehouse.authenticator.Device;
import dev.gatehouse.authenticator.CodeChallenger;
import dev.gatehouse.authenticator.DeviceChallenger;
import dev.gatehouse.authenticator.DeviceClass;
import dev.gatehouse.authenticator.DeviceRows;
import dev.gatehouse.core.User;
import dev.gatehouse.crypto.totp.Totp;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.authenticator.TotpDeviceStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;

/**
 * TOTP devices ({@code totp}, amr {@code otp}): answered with a {@code code}. A code is checked against each of the
 * user's devices with ±1 step of skew; the device's last accepted step moves forward in the same statement that
 * accepts it, so a code (and every older one) is accepted once.
 */
public final class TotpDeviceClass implements DeviceClass, CodeChallenger {
    public static final String NAME = "totp";

    /** What a device's sealed secret is bound to (the owner), so a secret copied to another user does not open. */
    static String sealContext(long user) {
        return "stages_authenticator_totp_totpdevice:user:" + user;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String amr() {
        return "otp";
    }

    @Override
    public String verboseName() {
        return "TOTP Device";
    }

    @Override
    public String modelLabel() {
        return "authentik_stages_authenticator_totp.TOTPDevice";
    }

    @Override
    public String setupStageType() {
        return TotpStageType.NAME;
    }

    @Override
    public DeviceRows rows(DSLContext dsl) {
        return new TotpDeviceStore(dsl).rows(NAME);
    }

    @Override
    public DeviceChallenger challenger() {
        return this;
    }

    @Override
    public Optional<Device> verify(StageRun run, User user, List<Device> devices, Object answer) {
        if (!(answer instanceof String || answer instanceof Number) || devices.isEmpty()) {
            return Optional.empty();
        }
        String code = String.valueOf(answer).replace(" ", "");
        Instant now = Instant.now();
        List<Long> pks = devices.stream().map(Device::pk).toList();
        return run.services().db().tx(dsl -> {
            TotpDeviceStore store = new TotpDeviceStore(dsl);
            for (TotpDeviceStore.Secret s : store.secrets(user.pk(), pks)) {
                byte[] key = run.services().deviceSecrets().openBytes(sealContext(user.pk()), s.sealed());
                OptionalLong step = Totp.match(key, code, now, s.digits(), s.period(), s.lastStep());
                if (step.isPresent() && store.advance(s.pk(), step.getAsLong(), now)) {
                    return store.device(s.pk(), NAME);
                }
            }
            return Optional.<Device>empty();
        });
    }
}
