package dev.gatehouse.flow;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A flow: an ordered list of stage bindings run for one purpose (its designation). */
public record Flow(UUID pk, String slug, String name, String title, String designation, String authentication,
                   String deniedAction, String layout, String policyEngineMode, boolean compatibilityMode,
                   String background, Instant created) {
    public static final List<String> DESIGNATIONS = List.of("authentication", "authorization", "invalidation",
            "enrollment", "unenrollment", "recovery", "stage_configuration");
    public static final List<String> AUTHENTICATIONS = List.of("none", "require_authenticated",
            "require_unauthenticated", "require_superuser", "require_outpost");
    public static final List<String> DENIED_ACTIONS = List.of("message_continue", "message", "continue");
    public static final List<String> LAYOUTS = List.of("stacked", "content_left", "content_right", "sidebar_left",
            "sidebar_right");
    public static final Set<String> ENGINE_MODES = Set.of("any", "all");
}
