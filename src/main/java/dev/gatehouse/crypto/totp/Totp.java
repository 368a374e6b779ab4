package dev.gatehouse.crypto.totp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP (RFC 6238) with HMAC-SHA1, as every authenticator app implements it: the time step is
 * {@code floor(unix time / period)} (§4.2, T0 = 0) and the code is HOTP (RFC 4226 §5.3: dynamic truncation,
 * modulo 10^digits) of that step. {@link #match} accepts the current step and one step either side (§5.2's
 * recommended network delay / clock drift allowance) but never a step at or before the last one accepted, so a
 * code — and every older one — is accepted once.
 */
public final class Totp {
    /** Steps accepted on either side of the current one. */
    public static final int SKEW = 1;
    /** 160-bit shared secrets (RFC 4226 §4 R6 recommends this length). */
    public static final int SECRET_BYTES = 20;
    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private Totp() {
    }

    /** The time step of an instant (RFC 6238 §4.2). */
    public static long step(Instant now, int period) {
        return Math.floorDiv(now.getEpochSecond(), period);
    }

    /** HOTP value of a counter (RFC 4226 §5.3), zero-padded to {@code digits}. */
    public static String code(byte[] key, long counter, int digits) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(counter).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 missing from the JDK", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        String value = Integer.toString(binary % POW10[digits]);
        return "0".repeat(digits - value.length()) + value;
    }

    /**
     * The time step a code belongs to, when it is the code of the current step or of one step either side and that
     * step is after {@code lastStep} (the last one accepted for this device); empty otherwise. Every candidate is
     * compared, in constant time, so the answer's timing does not say which step matched.
     */
    public static OptionalLong match(byte[] key, String code, Instant now, int digits, int period, long lastStep) {
        if (code == null || code.length() != digits || !code.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        long current = step(now, period);
        long matched = -1;
        byte[] presented = code.getBytes(StandardCharsets.US_ASCII);
        for (long t = current - SKEW; t <= current + SKEW; t++) {
            boolean equal = MessageDigest.isEqual(code(key, t, digits).getBytes(StandardCharsets.US_ASCII), presented);
            if (equal && t > lastStep && matched < 0) {
                matched = t;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    /**
     * The Key Uri Format URL authenticator apps scan: {@code otpauth://totp/<issuer>:<label>?secret=…&issuer=…}
     * with the algorithm, digits and period spelled out.
     */
    public static String otpauthUrl(String issuer, String label, String base32Secret, int digits, int period) {
        return "otpauth://totp/" + encode(issuer) + ":" + encode(label) + "?secret=" + base32Secret
                + "&algorithm=SHA1&digits=" + digits + "&period=" + period + "&issuer=" + encode(issuer);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
