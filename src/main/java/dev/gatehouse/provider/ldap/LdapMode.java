package dev.gatehouse.provider.ldap;

import dev.gatehouse.definition.Choice;
import java.util.Locale;

/** How an LDAP provider serves binds or searches: from the database each time, or from memory. */
public enum LdapMode implements Choice {
    DIRECT, CACHED;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
