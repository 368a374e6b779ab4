package dev.gatehouse.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Random keys, SHA-256 digests and constant-time comparison: the primitives behind hashed secrets. */
public final class Secrets {
    /**
     * A DRBG (NIST SP 800-90A, seeded from the system's entropy) rather than the Linux default NativePRNG, whose
     * every call reads /dev/urandom under one process-wide lock: under load that lock serialised token issuing.
     */
    private static final SecureRandom RANDOM = drbg();
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Secrets() {
    }

    /** A random key from [A-Za-z0-9]; 64 characters carry ~381 bits. */
    public static String randomKey(int length) {
        // One read of the generator per key (not one per character: SecureRandom is a shared, locked
        // resource); bytes >= 248 are rejected so every character is uniform over the 62 (248 = 4 * 62).
        char[] out = new char[length];
        byte[] pool = new byte[length + length / 4 + 8];
        int used = pool.length;
        for (int i = 0; i < length; ) {
            if (used == pool.length) {
                RANDOM.nextBytes(pool);
                used = 0;
            }
            int b = pool[used++] & 0xff;
            if (b < 248) {
                out[i++] = ALPHABET[b % ALPHABET.length];
            }
        }
        return new String(out);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** A random (version 4) UUID from {@link #RANDOM}, for hot paths (UUID.randomUUID uses NativePRNG). */
    public static java.util.UUID uuid() {
        byte[] b = randomBytes(16);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b);
        return new java.util.UUID(buf.getLong(), buf.getLong());
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Lower-case hex SHA-256 of the UTF-8 text: how token keys are stored and looked up. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** HMAC-SHA256 of the text, URL-safe base64 without padding (CSRF tokens bound to a session or flow key). */
    public static String hmacSha256Url(byte[] key, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 missing from the JDK", e);
        }
    }

    /** Constant-time equality of two secrets (length leaks, content does not). */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
