package dev.gatehouse.flow;

import java.time.Instant;
import java.util.UUID;

/** A flow: an ordered list of stage bindings run for one purpose (its designation). */
public record Flow(UUID pk, String slug, String name, String title, String designation, String authentication,
                   String deniedAction, String layout, String policyEngineMode, boolean compatibilityMode,
                   String background, Instant created) {
}
