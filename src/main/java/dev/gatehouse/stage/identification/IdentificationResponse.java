package dev.gatehouse.stage.identification;

/** The answer to {@code ak-stage-identification}: the identifier, the password, or a passkey assertion. */
public record IdentificationResponse(String uidField, String password, Object passkey) {
}
