package dev.gatehouse.store;

import dev.gatehouse.crypto.SecretBox;
import org.jooq.DSLContext;

/**
 * Seals OAuth2 client secrets at rest ({@code providers_oauth2.client_secret}) like TOTP secrets and private keys:
 * a {@link SecretBox} of their own purpose (AES-256-GCM under a key derived from SECRET_KEY with HKDF-SHA256), the
 * provider's pk as associated data so a sealed secret copied onto another provider does not open. The secret must
 * be readable again: HS256 signs with it and {@code client_secret_basic}/{@code _post} compare against it (RFC 6749
 * §2.3.1). The database carries it ({@link Database#sealSecretsWith}), so every {@link OAuth2ProviderStore} seals
 * on write and opens on read and the rest of the code sees the plaintext.
 */
public final class ClientSecrets {
    private static final String PURPOSE = "gatehouse/provider/oauth2/client-secret/v1";
    private final SecretBox box;

    public ClientSecrets(String secretKey) {
        this.box = new SecretBox(secretKey, PURPOSE);
    }

    public static ClientSecrets of(DSLContext dsl) {
        if (dsl.configuration().data(ClientSecrets.class) instanceof ClientSecrets secrets) {
            return secrets;
        }
        throw new IllegalStateException("this database was opened without SECRET_KEY: OAuth2 client secrets are "
                + "sealed with it");
    }

    public String seal(long provider, String plaintext) {
        return box.seal(context(provider), plaintext);
    }

    /** The plaintext; {@link IllegalStateException} when sealed under another SECRET_KEY or for another provider. */
    public String open(long provider, String sealed) {
        try {
            return box.open(context(provider), sealed);
        } catch (SecretBox.Unreadable e) {
            throw new IllegalStateException("client secret of OAuth2 provider " + provider + ": " + e.getMessage(), e);
        }
    }

    private static String context(long provider) {
        return "providers_oauth2:" + provider;
    }
}
