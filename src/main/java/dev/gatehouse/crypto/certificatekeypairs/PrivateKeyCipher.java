package dev.gatehouse.crypto.certificatekeypairs;

import dev.gatehouse.crypto.Secrets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;

/**
 * Seals private keys at rest: AES-256-GCM (NIST SP 800-38D) under a key derived from the installation's
 * {@code SECRET_KEY} with HKDF-SHA256 (RFC 5869). A fresh 96-bit nonce per seal; the pair's pk is the
 * associated data, so a sealed key copied onto another row does not open. Stored form:
 * {@code v1:<base64(nonce || ciphertext || tag)>}. Changing SECRET_KEY makes sealed keys unreadable.
 */
public final class PrivateKeyCipher {
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] SALT = "gatehouse".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INFO = "gatehouse/crypto/certificatekeypair/private-key/v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] secret;
    private volatile SecretKey key;

    public PrivateKeyCipher(String secretKey) {
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("SECRET_KEY is empty");
        }
        this.secret = secretKey.getBytes(StandardCharsets.UTF_8);
    }

    /** Derived on first use: a warm start that touches no key pays nothing for the KDF. */
    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            try {
                k = KDF.getInstance("HKDF-SHA256").deriveKey("AES", HKDFParameterSpec.ofExtract()
                        .addIKM(secret).addSalt(SALT).thenExpand(INFO, 32));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HKDF-SHA256 missing from the JDK", e);
            }
            key = k;
        }
        return k;
    }

    public String seal(UUID pairPk, String plaintext) {
        byte[] nonce = Secrets.randomBytes(NONCE_BYTES);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, pairPk, nonce);
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** The plaintext; an {@link IllegalStateException} when the value was sealed under another key or pk. */
    public String open(UUID pairPk, String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalStateException("private key of " + pairPk + " is not in a known sealed format");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("private key of " + pairPk + " is not valid base64", e);
        }
        if (raw.length <= NONCE_BYTES) {
            throw new IllegalStateException("private key of " + pairPk + " is truncated");
        }
        try {
            Cipher c = cipher(Cipher.DECRYPT_MODE, pairPk, Arrays.copyOf(raw, NONCE_BYTES));
            return new String(c.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("private key of certificate-key pair " + pairPk
                    + " cannot be decrypted: was SECRET_KEY changed since it was stored?", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private Cipher cipher(int mode, UUID pairPk, byte[] nonce) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key(), new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(("crypto_certificatekeypair:" + pairPk).getBytes(StandardCharsets.UTF_8));
        return c;
    }
}
