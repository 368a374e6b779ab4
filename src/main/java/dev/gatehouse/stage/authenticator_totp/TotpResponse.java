package dev.gatehouse.stage.authenticator_totp;

/** The answer to {@code ak-stage-authenticator-totp}: the code the app shows (a string or a number). */
public record TotpResponse(Object code) {
}
