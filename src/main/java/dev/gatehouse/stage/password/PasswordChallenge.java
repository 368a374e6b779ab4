package dev.gatehouse.stage.password;

import dev.gatehouse.flow.engine.CredentialPrompt;

/** {@code ak-stage-password}: asks the identified user's password. */
public record PasswordChallenge(String pendingUser, Boolean allowShowPassword) implements CredentialPrompt.Password {
    public static final String COMPONENT = "ak-stage-password";

    @Override
    public String component() {
        return COMPONENT;
    }
}
