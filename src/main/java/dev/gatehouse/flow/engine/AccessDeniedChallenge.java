package dev.gatehouse.flow.engine;

import java.util.List;

/** {@code ak-stage-access-denied}: the flow ended for this user, with a message. */
public record AccessDeniedChallenge(String errorMessage) implements Challenge {
    public static final String COMPONENT = "ak-stage-access-denied";
    public static final List<StagePage> PAGES = List.of(
            StagePage.of(COMPONENT, AccessDeniedChallenge.class, NoAnswer.class, "denied.jte"));

    @Override
    public String component() {
        return COMPONENT;
    }
}
