package dev.gatehouse.outpost;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An outpost (CONTRACT.md "Outposts"): a named deployment of a protocol ({@code proxy}, {@code ldap},
 * {@code radius}) serving the providers in its list. {@code managed} marks the embedded one; {@code config}
 * is authentik's outpost configuration document ({@code authentik_host} is the URL browsers sign in at).
 */
public record Outpost(UUID pk, String name, String type, String managed, Map<String, Object> config,
                      List<Long> providers, Instant created) {
    public Outpost {
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        providers = List.copyOf(providers);
    }

    public boolean embedded() {
        return EmbeddedOutpost.MANAGED.equals(managed);
    }

    /** The configured browser-facing base URL of this server ({@code authentik_host_browser}, else {@code authentik_host}). */
    public String browserHost() {
        for (String key : List.of("authentik_host_browser", "authentik_host")) {
            if (config.get(key) instanceof String s && !s.isBlank()) {
                return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
            }
        }
        return null;
    }
}
