package dev.gatehouse.stage.authenticator_static;

import dev.gatehouse.crypto.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Static recovery codes: random characters from an alphabet without look-alikes (no 0/o, 1/l/i), so a code
 * copied by hand is read back right; 12 characters carry ~59 bits. Codes are compared after
 * {@link #normalize} (case, spaces and dashes ignored), and only their SHA-256 is stored.
 */
public final class RecoveryCodes {
    static final String ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

    private RecoveryCodes() {
    }

    public static List<String> generate(int count, int length) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(code(length));
        }
        return out;
    }

    private static String code(int length) {
        // Rejection sampling: bytes >= 248 (8 * 31) are dropped so every character is uniform.
        StringBuilder sb = new StringBuilder(length);
        while (sb.length() < length) {
            for (byte b : Secrets.randomBytes(length)) {
                int v = b & 0xff;
                if (v < 248 && sb.length() < length) {
                    sb.append(ALPHABET.charAt(v % ALPHABET.length()));
                }
            }
        }
        return sb.toString();
    }

    public static String normalize(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    public static String hash(String code) {
        return Secrets.sha256Hex(normalize(code));
    }
}
