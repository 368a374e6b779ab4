package dev.gatehouse.authenticator;

import dev.gatehouse.flow.engine.StageRun;
import java.util.Map;

/**
 * A device class answered with a typed {@code code} (TOTP, static recovery codes): nothing to send in
 * {@code device_challenges[].challenge}; only the check differs.
 */
public interface CodeChallenger extends DeviceChallenger {
    @Override
    default String responseField() {
        return "code";
    }

    @Override
    default Map<String, Object> challenge(StageRun run, Device device) {
        return Map.of();
    }
}
