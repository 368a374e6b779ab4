package dev.gatehouse.provider.oauth2.device;

import dev.gatehouse.flow.engine.Challenge;

/** {@code ak-provider-oauth2-device-code}: asks the code the device shows (prefilled from the verification URL). */
public record DeviceCodeChallenge(String code) implements Challenge {
    public static final String COMPONENT = "ak-provider-oauth2-device-code";

    @Override
    public String component() {
        return COMPONENT;
    }
}
