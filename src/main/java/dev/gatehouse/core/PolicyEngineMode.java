package dev.gatehouse.core;

import dev.gatehouse.definition.Choice;
import java.util.Locale;

/** How a target combines its bindings: {@code all} must pass, or {@code any} (the default) one. */
public enum PolicyEngineMode implements Choice {
    ANY, ALL;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored or API value ({@code any}, {@code all}); {@code null} is the default, {@code any}. */
    public static PolicyEngineMode of(String value) {
        return value == null ? ANY : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
