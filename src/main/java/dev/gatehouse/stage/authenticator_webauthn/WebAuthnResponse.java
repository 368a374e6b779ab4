package dev.gatehouse.stage.authenticator_webauthn;

/** The answer to {@code ak-stage-authenticator-webauthn}: the browser's attestation (an object, or it as JSON text). */
public record WebAuthnResponse(Object response) {
}
