package dev.gatehouse.stage.identification;

/**
 * The answer to {@code ak-stage-identification}: the identifier, the password, or a passkey assertion; and whether
 * this browser should remember the identifier ({@code remember_me}, when the stage offers it).
 */
public record IdentificationResponse(String uidField, String password, Object passkey, Boolean rememberMe) {
}
