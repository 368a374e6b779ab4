package dev.gatehouse.core;

import java.util.Locale;

/** authentik's user types; the wire value is the lower-case name. */
public enum UserType implements dev.gatehouse.definition.Choice {
    INTERNAL, EXTERNAL, SERVICE_ACCOUNT, INTERNAL_SERVICE_ACCOUNT;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UserType parse(String wire) {
        for (UserType t : values()) {
            if (t.wire().equals(wire)) {
                return t;
            }
        }
        return null;
    }
}
