package dev.gatehouse.flow;

import dev.gatehouse.definition.Choice;
import java.util.Locale;

/** What a flow does when a stage refuses an answer: ask again ({@code retry}), start over, or start over keeping what was collected. */
public enum InvalidResponseAction implements Choice {
    RETRY, RESTART, RESTART_WITH_CONTEXT;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
