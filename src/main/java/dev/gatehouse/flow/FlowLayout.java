package dev.gatehouse.flow;

import dev.gatehouse.definition.Choice;
import java.util.Locale;

/** Where a flow's form sits on the page. */
public enum FlowLayout implements Choice {
    STACKED, CONTENT_LEFT, CONTENT_RIGHT, SIDEBAR_LEFT, SIDEBAR_RIGHT;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
