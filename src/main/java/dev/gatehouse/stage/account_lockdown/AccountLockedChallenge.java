package dev.gatehouse.stage.account_lockdown;

import dev.gatehouse.flow.engine.Challenge;

/** {@code ak-stage-account-lockdown}: the account was locked by its own user; the session is gone, nothing to answer. */
public record AccountLockedChallenge(String title, String body) implements Challenge {
    public static final String COMPONENT = "ak-stage-account-lockdown";

    @Override
    public String component() {
        return COMPONENT;
    }
}
