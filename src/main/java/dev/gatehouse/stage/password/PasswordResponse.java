package dev.gatehouse.stage.password;

/** The answer to {@code ak-stage-password}. */
public record PasswordResponse(String password) {
}
