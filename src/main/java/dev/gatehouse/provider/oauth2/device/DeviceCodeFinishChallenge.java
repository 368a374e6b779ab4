package dev.gatehouse.provider.oauth2.device;

import dev.gatehouse.flow.engine.Challenge;

/** {@code ak-provider-oauth2-device-code-finish}: the device is signed in; nothing more to do here. */
public record DeviceCodeFinishChallenge(String application, String message) implements Challenge {
    public static final String COMPONENT = "ak-provider-oauth2-device-code-finish";

    @Override
    public String component() {
        return COMPONENT;
    }
}
