package dev.gatehouse.outpost;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The outpost that runs inside this process ({@code authentik Embedded Outpost}, managed
 * {@code goauthentik.io/outposts/embedded}): the forward-auth endpoints of the main server serve the proxy
 * providers in its list. It always exists; the bootstrap creates it when missing.
 */
public final class EmbeddedOutpost {
    public static final String NAME = "authentik Embedded Outpost";
    public static final String MANAGED = "goauthentik.io/outposts/embedded";

    private EmbeddedOutpost() {
    }

    /** authentik's default outpost configuration; {@code authentik_host} empty means "the URL the request used". */
    public static Map<String, Object> defaultConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("authentik_host", "");
        c.put("authentik_host_insecure", false);
        c.put("authentik_host_browser", "");
        c.put("log_level", "info");
        c.put("object_naming_template", "ak-outpost-%(name)s");
        c.put("refresh_interval", "minutes=5");
        return c;
    }

    /** Creates the embedded outpost when it does not exist (bootstrap, every start). */
    public static void ensure(DSLContext dsl) {
        if (new OutpostStore(dsl).byManaged(MANAGED).isEmpty()) {
            Outpost o = new OutpostStore(dsl).insert(NAME, "proxy", MANAGED, defaultConfig());
            EventLog.modelCreated(dsl, Actor.SYSTEM, "outpost", o.pk(), o.name());
        }
    }
}
