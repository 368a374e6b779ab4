package dev.gatehouse.stage.authenticator_static;

import dev.gatehouse.authenticator.Device;
import dev.gatehouse.authenticator.CodeChallenger;
import dev.gatehouse.authenticator.DeviceChallenger;
import dev.gatehouse.authenticator.DeviceClass;
import dev.gatehouse.authenticator.DeviceRows;
import dev.gatehouse.core.User;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.authenticator.StaticDeviceStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Static recovery codes ({@code static}, amr {@code otp}): answered with a {@code code}. The typed code's hash is
 * compared with every unused code of the user's devices in constant time (no early exit); the matching code is
 * deleted in the same transaction, so it works once.
 */
public final class StaticDeviceClass implements DeviceClass, CodeChallenger {
    public static final String NAME = "static";

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
        return "Static Device";
    }

    @Override
    public String modelLabel() {
        return "authentik_stages_authenticator_static.StaticDevice";
    }

    @Override
    public String setupStageType() {
        return StaticStageType.NAME;
    }

    @Override
    public DeviceRows rows(DSLContext dsl) {
        return new StaticDeviceStore(dsl).rows(NAME);
    }

    @Override
    public DeviceChallenger challenger() {
        return this;
    }

    @Override
    public Optional<Device> verify(StageRun run, User user, List<Device> devices, Object answer) {
        if (!(answer instanceof String text) || devices.isEmpty() || RecoveryCodes.normalize(text).isEmpty()) {
            return Optional.empty();
        }
        String presented = RecoveryCodes.hash(text);
        List<Long> pks = devices.stream().map(Device::pk).toList();
        Instant now = Instant.now();
        return run.services().db().tx(dsl -> {
            StaticDeviceStore store = new StaticDeviceStore(dsl);
            StaticDeviceStore.Token matched = null;
            for (StaticDeviceStore.Token t : store.tokens(user.pk(), pks)) {
                if (Secrets.constantTimeEquals(t.hash(), presented) && matched == null) {
                    matched = t;
                }
            }
            if (matched == null || !store.consume(matched, now)) {
                return Optional.<Device>empty();
            }
            return store.rows(NAME).byPk(matched.device());
        });
    }
}
