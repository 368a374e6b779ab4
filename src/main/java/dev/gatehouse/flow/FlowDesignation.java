package dev.gatehouse.flow;

import dev.gatehouse.definition.Choice;
import java.util.Locale;

/** What a flow is for (authentik's designations): {@code authentication}, {@code enrollment}, … */
public enum FlowDesignation implements Choice {
    AUTHENTICATION, AUTHORIZATION, INVALIDATION, ENROLLMENT, UNENROLLMENT, RECOVERY, STAGE_CONFIGURATION;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
