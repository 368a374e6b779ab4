package dev.gatehouse.crypto;

import com.password4j.Argon2Function;
import com.password4j.BcryptFunction;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.spec.KeySpec;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing. New hashes are argon2id (m=19 MiB, t=2, p=1; OWASP's recommendation), written in
 * PHC form {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}. Imported hashes are verified in these forms:
 * PHC argon2 ({@code $argon2id$}, {@code $argon2i$}, {@code $argon2d$}), Django {@code argon2$...},
 * bcrypt ({@code $2a$/$2b$/$2y$}, Django {@code bcrypt$...}) and Django {@code pbkdf2_sha256$iter$salt$b64}.
 * Any hash that is not current argon2id with these parameters {@link #needsRehash needs a re-hash}.
 * A hash starting with {@code !} (Django's convention) or an empty one is unusable.
 */
public final class PasswordHasher {
    public static final int MEMORY_KIB = 19 * 1024;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int OUTPUT_LENGTH = 32;
    private static final String CURRENT_PREFIX = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";
    private static final Argon2Function ARGON2ID =
            Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, OUTPUT_LENGTH, Argon2.ID);
    /** A hash of a random password, verified against when the user is unknown so the timing matches. */
    private static final String DUMMY = ARGON2ID.hash(Secrets.randomKey(32)).getResult();

    public String hash(String password) {
        return ARGON2ID.hash(password).getResult();
    }

    public static String unusable() {
        return "!" + Secrets.randomKey(40);
    }

    public static boolean usable(String hash) {
        return hash != null && !hash.isEmpty() && !hash.startsWith("!");
    }

    public boolean needsRehash(String hash) {
        return usable(hash) && !hash.startsWith(CURRENT_PREFIX);
    }

    /** Burns the time of one check, for unknown users (no user enumeration through timing). */
    public void dummyCheck(String password) {
        ARGON2ID.check(password, DUMMY);
    }

    public boolean verify(String password, String hash) {
        if (password == null || !usable(hash)) {
            return false;
        }
        try {
            if (hash.startsWith("$argon2")) {
                return Argon2Function.getInstanceFromHash(hash).check(password, hash);
            }
            if (hash.startsWith("argon2$")) {
                String phc = hash.substring("argon2".length());
                return Argon2Function.getInstanceFromHash(phc).check(password, phc);
            }
            if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
                return BcryptFunction.getInstanceFromHash(hash).check(password, hash);
            }
            if (hash.startsWith("bcrypt$")) {
                String bc = hash.substring("bcrypt".length());
                return BcryptFunction.getInstanceFromHash(bc).check(password, bc);
            }
            if (hash.startsWith("pbkdf2_sha256$")) {
                return verifyDjangoPbkdf2(password, hash);
            }
        } catch (RuntimeException e) {
            return false;
        }
        return false;
    }

    /** True when the text is a hash this class can verify (used to accept imported hashes). */
    public static boolean recognised(String hash) {
        return hash != null && (hash.startsWith("$argon2") || hash.startsWith("argon2$")
                || hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")
                || hash.startsWith("bcrypt$") || hash.matches("pbkdf2_sha256\\$\\d+\\$[^$]+\\$[A-Za-z0-9+/=]+"));
    }

    /** Django PBKDF2PasswordHasher: {@code pbkdf2_sha256$<iterations>$<salt>$<base64(dk)>}, dk = 32 bytes. */
    private static boolean verifyDjangoPbkdf2(String password, String hash) {
        String[] parts = hash.split("\\$");
        if (parts.length != 4) {
            return false;
        }
        int iterations = Integer.parseInt(parts[1]);
        if (iterations < 1 || iterations > 10_000_000) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        try {
            KeySpec spec = new PBEKeySpec(password.toCharArray(), parts[2].getBytes(StandardCharsets.UTF_8),
                    iterations, expected.length * 8);
            byte[] actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return MessageDigest.isEqual(actual, expected);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
