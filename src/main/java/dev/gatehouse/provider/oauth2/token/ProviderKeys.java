package dev.gatehouse.provider.oauth2.token;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import dev.gatehouse.crypto.certificatekeypairs.SigningKey;
import dev.gatehouse.crypto.certificatekeypairs.SigningKeys;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.provider.oauth2.OAuth2Provider;

/**
 * The key a provider signs with (CONTRACT.md "Signing"): its certificate-key pair (RS256 for RSA, ES256 for
 * EC P-256), or HS256 with the client secret when it has none.
 */
public final class ProviderKeys {
    private final SigningKeys keys;

    public ProviderKeys(SigningKeys keys) {
        this.keys = keys;
    }

    public SigningKey of(OAuth2Provider provider) {
        if (provider.signingKey() != null) {
            return keys.forKeyPair(provider.signingKey()).orElseThrow(() -> new OAuth2Exception(
                    OAuth2Error.SERVER_ERROR.setDescription("The provider's signing key is not available."),
                    "signing key " + provider.signingKey() + " of provider " + provider.pk() + " cannot sign"));
        }
        try {
            return SigningKey.hs256(provider.clientSecret());
        } catch (IllegalArgumentException e) {
            throw new OAuth2Exception(OAuth2Error.SERVER_ERROR.setDescription("The provider cannot sign tokens."),
                    "provider " + provider.pk() + " has no signing key and a client secret too short for HS256");
        }
    }
}
