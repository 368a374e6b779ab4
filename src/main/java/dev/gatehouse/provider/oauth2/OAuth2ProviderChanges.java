package dev.gatehouse.provider.oauth2;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A create or update of an OAuth2 provider; null means "not given" (keep, or the default on create).
 * {@code signingKey} and {@code authenticationFlow} are Optional so that null can be set explicitly.
 */
public record OAuth2ProviderChanges(String name, UUID authorizationFlow, Optional<UUID> authenticationFlow,
                                   UUID invalidationFlow, String clientType, String clientId, String clientSecret,
                                   List<RedirectUri> redirectUris, Optional<UUID> signingKey,
                                   String accessCodeValidity, String accessTokenValidity,
                                   String refreshTokenValidity, String subMode, Boolean includeClaimsInIdToken,
                                   String issuerMode, List<UUID> propertyMappings) {
}
