package dev.gatehouse.flow;

import dev.gatehouse.definition.Choice;
import java.util.Locale;

/** What a flow does when its policies deny the user: show a message and continue to the next URL, only the message, or only continue. */
public enum DeniedAction implements Choice {
    MESSAGE_CONTINUE, MESSAGE, CONTINUE;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
