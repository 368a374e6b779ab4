package dev.gatehouse.stage.user_login;

/** The answer to {@code ak-stage-user-login}: whether to stay signed in longer. */
public record UserLoginResponse(Boolean rememberMe) {
}
