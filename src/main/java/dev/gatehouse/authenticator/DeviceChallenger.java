package dev.gatehouse.authenticator;

import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.StageRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the authenticator_validate stage asks for and checks one device class: the class's entry in
 * {@code device_challenges} and the answer it takes ({@code code} for TOTP and static codes, {@code webauthn} for
 * an assertion). A check that fails must cost the same whatever was wrong, and must not accept an answer twice.
 */
public interface DeviceChallenger {
    /** The response field that answers this class: {@code code} or {@code webauthn}. */
    String responseField();

    /**
     * What {@code device_challenges[].challenge} carries for this device: empty for codes, the assertion options
     * for WebAuthn (a challenger may keep what it must check later in the plan's context).
     */
    Map<String, Object> challenge(StageRun run, Device device);

    /**
     * Checks an answer against the user's confirmed devices of this class; the device that accepted it (its
     * last_used already recorded), or empty.
     */
    Optional<Device> verify(StageRun run, User user, List<Device> devices, Object answer);
}
