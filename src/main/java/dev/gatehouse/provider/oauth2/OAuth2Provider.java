package dev.gatehouse.provider.oauth2;

import dev.gatehouse.core.Provider;
import dev.gatehouse.provider.ProviderRecord;
import java.util.List;
import java.util.UUID;

/**
 * An OAuth2 / OpenID Connect provider: the shared provider part plus its client registration and token
 * settings (CONTRACT.md "OAuth2 / OpenID Connect provider"). Validities are authentik timedeltas
 * ({@code minutes=1}). {@code clientSecret} never appears in logs ({@link #toString}).
 */
public record OAuth2Provider(Provider provider, String clientType, String clientId, String clientSecret,
                             List<RedirectUri> redirectUris, UUID signingKey, String accessCodeValidity,
                             String accessTokenValidity, String refreshTokenValidity, String subMode,
                             boolean includeClaimsInIdToken, String issuerMode, List<UUID> propertyMappings) implements ProviderRecord {
    public OAuth2Provider {
        redirectUris = List.copyOf(redirectUris);
        propertyMappings = List.copyOf(propertyMappings);
    }

    public long pk() {
        return provider.pk();
    }

    public boolean confidential() {
        return clientType.equals("confidential");
    }

    @Override
    public String toString() {
        return "OAuth2Provider[pk=" + provider.pk() + ", name=" + provider.name() + ", clientId=" + clientId + "]";
    }
}
