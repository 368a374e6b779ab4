package dev.gatehouse.policy.password;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Have I Been Pwned's Pwned Passwords range API, by k-anonymity: only the first five hex characters of the
 * password's SHA-1 leave the server ({@code GET <base>/range/<prefix>}, with {@code Add-Padding: true} so the
 * answer's size says nothing either); the remaining 35 are compared here against every suffix of the answer, each
 * comparison in constant time. The password and its full hash are never logged or sent.
 * <p>The base URL is a server setting ({@code policies.hibp_url}, {@code GATEHOUSE_POLICIES__HIBP_URL}), one per
 * process: {@link #configure} is called when the server starts.
 */
public final class PwnedPasswords {
    /** The public service. */
    public static final URI DEFAULT_BASE = URI.create("https://api.pwnedpasswords.com");
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static volatile PwnedPasswords current = new PwnedPasswords(DEFAULT_BASE);
    /** One client for the process, made on first use (most servers never ask). */
    private static final class Client {
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private final URI base;

    PwnedPasswords(URI base) {
        this.base = base;
    }

    /** Points the password policy at this base URL (the server's {@code policies.hibp_url}). */
    public static void configure(URI base) {
        current = new PwnedPasswords(base == null ? DEFAULT_BASE : base);
    }

    static PwnedPasswords current() {
        return current;
    }

    URI base() {
        return base;
    }

    /** Why the range could not be read: shown to the user and recorded in the {@code policy_exception} event. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** How often the password appears in breaches (0 when not at all, as for the padding entries). */
    long count(String password) throws Unavailable, InterruptedException {
        String hash = sha1Hex(password);
        String prefix = hash.substring(0, 5);
        byte[] suffix = hash.substring(5).getBytes(StandardCharsets.US_ASCII);
        String body = range(prefix);
        long found = 0;
        for (String line : body.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            byte[] candidate = line.substring(0, colon).strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            long count = parseCount(line.substring(colon + 1).strip());
            if (MessageDigest.isEqual(candidate, suffix)) {
                found = count;
            }
        }
        return found;
    }

    private String range(String prefix) throws Unavailable, InterruptedException {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/range/" + prefix);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Add-Padding", "true")
                .header("User-Agent", "Gatehouse").GET().build();
        HttpResponse<String> response;
        try {
            response = Client.HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new Unavailable(problem(base + " could not be reached (" + e.getClass().getSimpleName() + ")"));
        }
        if (response.statusCode() != 200) {
            throw new Unavailable(problem(base + " answered HTTP " + response.statusCode()));
        }
        return response.body();
    }

    private static String problem(String what) {
        return "The Have I Been Pwned check is not available: " + what + ". Check the server setting policies.hibp_url "
                + "(GATEHOUSE_POLICIES__HIBP_URL) or turn check_have_i_been_pwned off.";
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String sha1Hex(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
