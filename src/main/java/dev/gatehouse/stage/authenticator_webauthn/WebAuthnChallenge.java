package dev.gatehouse.stage.authenticator_webauthn;

import dev.gatehouse.flow.engine.Challenge;
import java.util.Map;

/** {@code ak-stage-authenticator-webauthn}: the creation options for registering a passkey or security key. */
public record WebAuthnChallenge(Map<String, Object> registration, String pendingUser) implements Challenge {
    public static final String COMPONENT = "ak-stage-authenticator-webauthn";

    @Override
    public String component() {
        return COMPONENT;
    }

    /** The creation options as JSON, handed to the page's script. */
    public String registrationJson() {
        return registration == null ? null : dev.gatehouse.core.Json.write(registration);
    }
}
