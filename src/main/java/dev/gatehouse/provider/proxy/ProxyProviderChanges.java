package dev.gatehouse.provider.proxy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A create or update of a proxy provider; null means "not given" (keep, or the default on create).
 * {@code authenticationFlow} is Optional so null can be set explicitly. {@code outposts} null on create means
 * "the embedded outpost" (CONTRACT.md "Outposts", fix); a list (possibly empty) names them exactly.
 */
public record ProxyProviderChanges(String name, UUID authorizationFlow, Optional<UUID> authenticationFlow,
                                   UUID invalidationFlow, List<UUID> propertyMappings, String mode,
                                   String externalHost, String internalHost, Boolean internalHostSslValidation,
                                   String cookieDomain, String skipPathRegex, Boolean basicAuthEnabled,
                                   String basicAuthUserAttribute, String basicAuthPasswordAttribute,
                                   Boolean interceptHeaderAuth, String accessTokenValidity,
                                   String refreshTokenValidity, List<UUID> outposts) {
}
