package dev.gatehouse.crypto.certificatekeypairs;

import dev.gatehouse.crypto.SecretBox;
import java.util.UUID;

/**
 * Seals private keys at rest with a {@link SecretBox} of their own purpose: AES-256-GCM under a key derived from
 * the installation's {@code SECRET_KEY} with HKDF-SHA256; the pair's pk is the associated data, so a sealed key
 * copied onto another row does not open. Stored form: {@code v1:<base64(nonce || ciphertext || tag)>}.
 */
public final class PrivateKeyCipher {
    private static final String PURPOSE = "gatehouse/crypto/certificatekeypair/private-key/v1";
    private final SecretBox box;

    public PrivateKeyCipher(String secretKey) {
        this.box = new SecretBox(secretKey, PURPOSE);
    }

    public String seal(UUID pairPk, String plaintext) {
        return box.seal(context(pairPk), plaintext);
    }

    /** The plaintext; an {@link IllegalStateException} when the value was sealed under another key or pk. */
    public String open(UUID pairPk, String sealed) {
        try {
            return box.open(context(pairPk), sealed);
        } catch (SecretBox.Unreadable e) {
            throw new IllegalStateException("private key of certificate-key pair " + pairPk + ": " + e.getMessage(), e);
        }
    }

    private static String context(UUID pairPk) {
        return "crypto_certificatekeypair:" + pairPk;
    }
}
