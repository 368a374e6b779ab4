package dev.gatehouse.core;

import java.util.Optional;

/**
 * Fields to set on an application; {@code null} means "leave as is". {@code provider} is
 * {@code Optional.empty()} to unlink the provider.
 */
public record ApplicationChanges(String slug, String name, Optional<Long> provider, String metaLaunchUrl,
                                 String metaDescription, String metaPublisher, String metaIcon, String group,
                                 String policyEngineMode, Boolean openInNewTab) {
}
