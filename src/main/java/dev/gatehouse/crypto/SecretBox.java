package dev.gatehouse.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;

/**
 * Seals secrets that must be readable again (private keys, TOTP shared secrets) at rest: AES-256-GCM (NIST SP
 * 800-38D) under a key derived from the installation's {@code SECRET_KEY} with HKDF-SHA256 (RFC 5869), one key
 * per purpose ({@code info}). A fresh 96-bit nonce per seal; the caller's {@code context} (the owning row) is
 * the associated data, so a sealed value copied onto another row does not open. Stored form:
 * {@code v1:<base64(nonce || ciphertext || tag)>}. Changing SECRET_KEY makes sealed values unreadable.
 */
public final class SecretBox {
    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] SALT = "gatehouse".getBytes(StandardCharsets.UTF_8);

    /** Why a sealed value does not open (another key, another row, tampered, not sealed at all). */
    public static final class Unreadable extends IllegalStateException {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final byte[] secret;
    private final byte[] info;
    private volatile SecretKey key;

    /** {@code purpose} names what is sealed (HKDF info), e.g. {@code gatehouse/authenticator/totp/secret/v1}. */
    public SecretBox(String secretKey, String purpose) {
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("SECRET_KEY is empty");
        }
        this.secret = secretKey.getBytes(StandardCharsets.UTF_8);
        this.info = purpose.getBytes(StandardCharsets.UTF_8);
    }

    /** Derived on first use: a warm start that touches no sealed value pays nothing for the KDF. */
    private SecretKey key() {
        SecretKey k = key;
        if (k == null) {
            try {
                k = KDF.getInstance("HKDF-SHA256").deriveKey("AES", HKDFParameterSpec.ofExtract()
                        .addIKM(secret).addSalt(SALT).thenExpand(info, 32));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HKDF-SHA256 missing from the JDK", e);
            }
            key = k;
        }
        return k;
    }

    public String seal(String context, byte[] plaintext) {
        byte[] nonce = Secrets.randomBytes(NONCE_BYTES);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, context, nonce).doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    public String seal(String context, String plaintext) {
        return seal(context, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** The plaintext; {@link Unreadable} when the value was sealed under another key or context, or is not sealed. */
    public byte[] openBytes(String context, String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new Unreadable(context + " is not in a known sealed format", null);
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new Unreadable(context + " is not valid base64", e);
        }
        if (raw.length <= NONCE_BYTES) {
            throw new Unreadable(context + " is truncated", null);
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, context, Arrays.copyOf(raw, NONCE_BYTES))
                    .doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new Unreadable(context + " cannot be decrypted: was SECRET_KEY changed since it was stored?", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    public String open(String context, String sealed) {
        return new String(openBytes(context, sealed), StandardCharsets.UTF_8);
    }

    private Cipher cipher(int mode, String context, byte[] nonce) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key(), new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return c;
    }
}
