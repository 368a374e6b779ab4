package dev.gatehouse.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.spec.KeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import dev.gatehouse.crypto.argon2.Argon2;
import dev.gatehouse.crypto.argon2.WorkAreas;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Password hashing. New hashes are argon2id (m=19 MiB, t=2, p=1; OWASP's recommendation, RFC 9106),
 * written in PHC form {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. Imported hashes are verified
 * in these forms: PHC argon2 ({@code $argon2id$}, {@code $argon2i$}, {@code $argon2d$}), Django
 * {@code argon2$...}, bcrypt ({@code $2a$/$2b$/$2y$}, Django {@code bcrypt$...}) and Django
 * {@code pbkdf2_sha256$iter$salt$b64}. Anything but current argon2id {@link #needsRehash needs a re-hash}.
 * A hash starting with {@code !} (Django's convention) or an empty one is unusable.
 * Argon2 runs in {@link WorkAreas} lent per check (one per core and process, made on first use and kept), so a check
 * allocates nothing of its 19 MiB and concurrent checks cannot exhaust the heap; bcrypt is BouncyCastle's.
 */
public final class PasswordHasher {
    public static final int MEMORY_KIB = 19 * 1024;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int SALT_LENGTH = 16;
    private static final int OUTPUT_LENGTH = 32;
    private static final String CURRENT_PREFIX =
            "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";
    /** Imported argon2 parameters above these are refused rather than computed (a crafted hash is no DoS). */
    private static final int MAX_MEMORY_KIB = 256 * 1024;
    private static final int MAX_ITERATIONS = 16;
    private static final int MAX_PARALLELISM = 16;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2(id|i|d)\\$(?:v=(\\d+)\\$)?m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+={0,2})\\$([A-Za-z0-9+/]+={0,2})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Argon2 CURRENT = new Argon2(Argon2.Type.ID, Argon2.VERSION_13, MEMORY_KIB, ITERATIONS, PARALLELISM);
    /** One pool for the process, whatever the number of hashers: the bound on argon2's memory is per JVM. */
    private static final WorkAreas WORK_AREAS =
            new WorkAreas(CURRENT.workAreaLongs(), Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** A hash of a random password, checked when the user is unknown so that the timing matches. */
    private static final class Dummy {
        static final String HASH = new PasswordHasher().hash(Secrets.randomKey(32));
    }

    public String hash(String password) {
        byte[] salt = Secrets.randomBytes(SALT_LENGTH);
        byte[] out = argon2(CURRENT, salt, password, OUTPUT_LENGTH);
        return CURRENT_PREFIX + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
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
        verify(password, Dummy.HASH);
    }

    public boolean verify(String password, String hash) {
        if (password == null || !usable(hash)) {
            return false;
        }
        try {
            if (hash.startsWith("$argon2")) {
                return verifyArgon2(password, hash);
            }
            if (hash.startsWith("argon2$")) {
                return verifyArgon2(password, hash.substring("argon2".length()));
            }
            if (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$")) {
                return OpenBSDBCrypt.checkPassword(hash, password.getBytes(StandardCharsets.UTF_8));
            }
            if (hash.startsWith("bcrypt$")) {
                return OpenBSDBCrypt.checkPassword(hash.substring("bcrypt$".length()), password.getBytes(StandardCharsets.UTF_8));
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
        if (hash == null) {
            return false;
        }
        String h = hash.startsWith("argon2$") ? hash.substring("argon2".length()) : hash;
        return PHC.matcher(h).matches()
                || hash.matches("(bcrypt\\$)?\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}")
                || hash.matches("pbkdf2_sha256\\$\\d+\\$[^$]+\\$[A-Za-z0-9+/=]+");
    }

    private boolean verifyArgon2(String password, String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            return false;
        }
        Argon2.Type type = switch (m.group(1)) {
            case "id" -> Argon2.Type.ID;
            case "i" -> Argon2.Type.I;
            default -> Argon2.Type.D;
        };
        int version = m.group(2) == null ? Argon2.VERSION_10 : Integer.parseInt(m.group(2));
        int memory = Integer.parseInt(m.group(3));
        int iterations = Integer.parseInt(m.group(4));
        int parallelism = Integer.parseInt(m.group(5));
        if (memory > MAX_MEMORY_KIB || iterations > MAX_ITERATIONS || parallelism > MAX_PARALLELISM
                || (version != Argon2.VERSION_10 && version != Argon2.VERSION_13)
                || memory < 8 * parallelism || iterations < 1 || parallelism < 1) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(6));
        byte[] expected = Base64.getDecoder().decode(m.group(7));
        if (expected.length < 4) {
            return false;
        }
        Argon2 argon2 = new Argon2(type, version, memory, iterations, parallelism);
        byte[] actual = argon2(argon2, salt, password, expected.length);
        return MessageDigest.isEqual(actual, expected);
    }

    private byte[] argon2(Argon2 argon2, byte[] salt, String password, int length) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        return WORK_AREAS.with(argon2.workAreaLongs(), area -> argon2.hash(secret, salt, length, area));
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
