package dev.gatehouse.stage.authenticator_static;

import dev.gatehouse.flow.engine.Challenge;
import java.util.List;

/** {@code ak-stage-authenticator-static}: shows the recovery codes being set up. */
public record StaticChallenge(String pendingUser, List<String> codes) implements Challenge {
    public static final String COMPONENT = "ak-stage-authenticator-static";

    @Override
    public String component() {
        return COMPONENT;
    }
}
