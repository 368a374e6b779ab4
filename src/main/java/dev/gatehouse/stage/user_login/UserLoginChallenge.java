package dev.gatehouse.stage.user_login;

import dev.gatehouse.flow.engine.CredentialPrompt;

/** {@code ak-stage-user-login}: offers to stay signed in on this device. */
public record UserLoginChallenge(String pendingUser) implements CredentialPrompt.StaySignedIn {
    public static final String COMPONENT = "ak-stage-user-login";

    @Override
    public String component() {
        return COMPONENT;
    }
}
