package dev.gatehouse.policy.engine;

import java.util.Locale;

/** How a target combines its bindings: {@code all} must pass, or {@code any} (the default) one. */
public enum PolicyEngineMode {
    ANY, ALL;

    /** The stored or API value ({@code any}, {@code all}); {@code null} is the default, {@code any}. */
    public static PolicyEngineMode of(String value) {
        return value == null ? ANY : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
