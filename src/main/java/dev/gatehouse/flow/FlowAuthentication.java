package dev.gatehouse.flow;

import dev.gatehouse.definition.Choice;
import java.util.Locale;

/** Who may start a flow: anyone ({@code none}), only signed-in users, only anonymous ones, superusers or outposts. */
public enum FlowAuthentication implements Choice {
    NONE, REQUIRE_AUTHENTICATED, REQUIRE_UNAUTHENTICATED, REQUIRE_SUPERUSER, REQUIRE_OUTPOST;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
