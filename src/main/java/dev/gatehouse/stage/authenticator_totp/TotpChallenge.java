package dev.gatehouse.stage.authenticator_totp;

import dev.gatehouse.flow.engine.Challenge;

/** {@code ak-stage-authenticator-totp}: shows the secret to enrol (as an otpauth URL) and asks a code from it. */
public record TotpChallenge(String pendingUser, String configUrl) implements Challenge {
    public static final String COMPONENT = "ak-stage-authenticator-totp";

    @Override
    public String component() {
        return COMPONENT;
    }

    /** The QR code of {@code config_url}, as inline SVG. */
    public String qrSvg() {
        return configUrl == null ? "" : QrSvg.of(configUrl);
    }

    /** The base32 secret of {@code config_url}, for typing into an app that cannot scan. */
    public String otpSecret() {
        if (configUrl == null || configUrl.indexOf('?') < 0) {
            return "";
        }
        for (String pair : configUrl.substring(configUrl.indexOf('?') + 1).split("&")) {
            if (pair.startsWith("secret=")) {
                return pair.substring("secret=".length());
            }
        }
        return "";
    }
}
