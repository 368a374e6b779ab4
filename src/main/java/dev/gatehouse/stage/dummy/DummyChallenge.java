package dev.gatehouse.stage.dummy;

import dev.gatehouse.flow.engine.Challenge;

/** {@code ak-stage-dummy}: the stage's name; any answer continues. */
public record DummyChallenge(String name) implements Challenge {
    public static final String COMPONENT = "ak-stage-dummy";

    @Override
    public String component() {
        return COMPONENT;
    }
}
