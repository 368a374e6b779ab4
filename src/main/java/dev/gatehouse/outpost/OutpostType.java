package dev.gatehouse.outpost;

import dev.gatehouse.definition.Choice;
import java.util.Locale;

/** The protocol an outpost serves; it serves providers of that type only. */
public enum OutpostType implements Choice {
    PROXY, LDAP, RADIUS;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
