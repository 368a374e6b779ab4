package dev.gatehouse.core;

import java.util.Map;
import java.util.UUID;

/**
 * A brand: title, logo and the flows used for a domain (sign-in, sign-out, recovery, unenrollment, user settings,
 * device codes, account lockdown); one default brand always exists.
 */
public record Brand(UUID pk, String domain, boolean isDefault, String brandingTitle, String brandingLogo,
                    String brandingFavicon, UUID flowAuthentication, UUID flowInvalidation, UUID flowRecovery,
                    UUID flowUnenrollment, UUID flowUserSettings, UUID flowDeviceCode, UUID flowLockdown,
                    UUID defaultApplication, Map<String, Object> attributes) {
}
