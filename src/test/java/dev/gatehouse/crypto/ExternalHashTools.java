package dev.gatehouse.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Password hashes made by independent implementations, run as OS processes at test time:
 * Debian's python3 (hashlib, as Django's PBKDF2PasswordHasher), {@code htpasswd} (apache2-utils, bcrypt)
 * and the {@code argon2} reference CLI (Debian package argon2). Passwords go in on stdin as UTF-8.
 */
public final class ExternalHashTools {
    private static final String PYTHON = "/usr/bin/python3";
    /** Django's PBKDF2PasswordHasher.encode, written out with hashlib. */
    private static final String DJANGO_PBKDF2 = String.join("\n",
            "import sys, hashlib, base64",
            "password = sys.stdin.buffer.read()",
            "iterations = int(sys.argv[1])",
            "salt = sys.argv[2]",
            "dk = hashlib.pbkdf2_hmac('sha256', password, salt.encode('utf-8'), iterations)",
            "print('pbkdf2_sha256$%d$%s$%s' % (iterations, salt, base64.b64encode(dk).decode('ascii').strip()))");

    private ExternalHashTools() {
    }

    /** {@code pbkdf2_sha256$<iterations>$<salt>$<base64>} as Django writes it. */
    public static String djangoPbkdf2(String password, int iterations, String salt) {
        return run(password, PYTHON, "-c", DJANGO_PBKDF2, Integer.toString(iterations), salt);
    }

    /** A {@code $2y$} bcrypt hash from {@code htpasswd -niB}. */
    public static String htpasswdBcrypt(String password, int cost) {
        String line = run(password, "htpasswd", "-niB", "-C", Integer.toString(cost), "user");
        if (!line.startsWith("user:$2y$")) {
            throw new IllegalStateException("unexpected htpasswd output: " + line);
        }
        return line.substring("user:".length());
    }

    /**
     * A PHC-format hash from the argon2 reference CLI. {@code variant} is {@code id}, {@code i} or {@code d};
     * memory in KiB.
     */
    public static String argon2Cli(String password, String salt, String variant, int iterations, int memoryKib,
                                   int parallelism, int hashLength) {
        return run(password, "argon2", salt, "-" + variant, "-t", Integer.toString(iterations),
                "-k", Integer.toString(memoryKib), "-p", Integer.toString(parallelism),
                "-l", Integer.toString(hashLength), "-e");
    }

    private static String run(String stdin, String... command) {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C.UTF-8");
        try {
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream o = p.getInputStream()) {
                o.transferTo(out);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command[0] + " timed out");
            }
            String text = out.toString(StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command[0] + " failed (" + p.exitValue() + "): " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0]
                    + " (Debian packages needed: python3, apache2-utils, argon2)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
