package dev.gatehouse.settings;

import java.util.List;
import java.util.Map;

/**
 * The installation's system settings (authentik's {@code Settings}): whether users may change their own name,
 * email and username, how long events are kept, the defaults of new tokens, the links under every page, and the
 * avatar, GDPR and impersonation switches. Durations are authentik's {@code days=365;hours=1} notation.
 */
public record SystemSettings(String avatars, boolean defaultUserChangeName, boolean defaultUserChangeEmail,
                             boolean defaultUserChangeUsername, String eventRetention,
                             List<Map<String, Object>> footerLinks, boolean gdprCompliance, boolean impersonation,
                             String defaultTokenDuration, int defaultTokenLength) {
    public SystemSettings {
        footerLinks = List.copyOf(footerLinks);
    }
}
