package dev.gatehouse.core;

import java.time.Instant;
import java.util.UUID;

/** An application: what users see and open; linked to at most one provider. */
public record Application(UUID pk, String slug, String name, Long provider, String metaLaunchUrl,
                          String metaDescription, String metaPublisher, String metaIcon, String group,
                          String policyEngineMode, boolean openInNewTab, Instant created) {
}
