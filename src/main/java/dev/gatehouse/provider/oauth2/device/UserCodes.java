package dev.gatehouse.provider.oauth2.device;

import dev.gatehouse.crypto.Secrets;
import java.util.Locale;
import java.util.Optional;

/**
 * User codes (RFC 8628 §6.1): 8 characters from 20 consonants (no vowels, so no words; no digits, so nothing
 * to confuse with O/0 or I/1), about 34.5 bits, shown as {@code BCDF-GHJK}. What a person types is normalised
 * before it is looked up: case, spaces and dashes do not matter. Only a hash of the normalised code is stored.
 */
public final class UserCodes {
    static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    static final int LENGTH = 8;
    /** Bytes at or above this are rejected so every character is uniform over the alphabet (240 = 12 * 20). */
    private static final int UNIFORM_LIMIT = 256 - 256 % ALPHABET.length();

    private UserCodes() {
    }

    /** A new random code, normalised ({@link #format} gives its display form). */
    public static String generate() {
        StringBuilder out = new StringBuilder(LENGTH);
        while (out.length() < LENGTH) {
            for (byte b : Secrets.randomBytes(LENGTH * 2)) {
                int v = b & 0xff;
                if (v < UNIFORM_LIMIT && out.length() < LENGTH) {
                    out.append(ALPHABET.charAt(v % ALPHABET.length()));
                }
            }
        }
        return out.toString();
    }

    /** The code as typed, upper-cased and without spaces and dashes, when it has the shape of a user code. */
    public static Optional<String> normalize(String entered) {
        if (entered == null || entered.length() > 64) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder(LENGTH);
        for (char c : entered.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0) {
                return Optional.empty();
            }
            b.append(c);
        }
        return b.length() == LENGTH ? Optional.of(b.toString()) : Optional.empty();
    }

    /** The display form of a normalised code: two groups of four joined by a dash. */
    public static String format(String normalized) {
        return normalized.substring(0, LENGTH / 2) + "-" + normalized.substring(LENGTH / 2);
    }

    /** What is stored and looked up for a normalised code. */
    public static String hash(String normalized) {
        return Secrets.sha256Hex("gatehouse.user-code|" + normalized);
    }
}
