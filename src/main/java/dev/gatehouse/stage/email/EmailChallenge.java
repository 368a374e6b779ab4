package dev.gatehouse.stage.email;

import dev.gatehouse.flow.engine.Challenge;

/**
 * {@code ak-stage-email}: "check your email". Only the link in the message moves the flow on; an answer sends the
 * message again. It says nothing of the account, so a recovery shows the same page for a name nobody has.
 */
public record EmailChallenge() implements Challenge {
    public static final String COMPONENT = "ak-stage-email";

    @Override
    public String component() {
        return COMPONENT;
    }
}
