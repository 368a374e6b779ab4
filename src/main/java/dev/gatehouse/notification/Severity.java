package dev.gatehouse.notification;

import dev.gatehouse.definition.Choice;

/** How urgent a rule's notifications are, as authentik names it. */
public enum Severity implements Choice {
    NOTICE("notice"), WARNING("warning"), ALERT("alert");

    private final String wire;

    Severity(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static Severity of(String wire) {
        for (Severity s : values()) {
            if (s.wire.equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity " + wire);
    }

    /** The constant of {@code wire}, or {@code fallback} when it names none (the field's check reports it). */
    static Severity orElse(String wire, Severity fallback) {
        for (Severity c : values()) {
            if (c.wire.equals(wire)) {
                return c;
            }
        }
        return fallback;
    }
}
