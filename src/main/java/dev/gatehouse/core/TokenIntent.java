package dev.gatehouse.core;

import java.util.Locale;

/** What a token may be used for (authentik's TokenIntents). */
public enum TokenIntent implements dev.gatehouse.definition.Choice {
    VERIFICATION, API, RECOVERY, APP_PASSWORD;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TokenIntent parse(String wire) {
        for (TokenIntent t : values()) {
            if (t.wire().equals(wire)) {
                return t;
            }
        }
        return null;
    }
}
