package dev.gatehouse.provider.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A property of {@link ForwardAuth#decide} over thousands of generated paths (a seeded {@link Random}, so a failure
 * can be replayed): a request without a session or {@code Authorization} is sent to sign in, refused, or let through
 * without identity — and let through only when every usual way a server behind the proxy reads the path lands on a
 * skip path ({@code ^/public/}, or the directory {@code /public} itself) or on exactly one of the outpost's
 * endpoints. The readings are independent of
 * {@link dev.gatehouse.web.CanonicalPath}: {@link URI#normalize()} after decoding unreserved characters (RFC 3986
 * §6.2.2); a static file server's (Python's
 * {@code http.server}: decode every escape, then resolve {@code ..} with {@code //} merged); a servlet container's
 * (cut {@code ;} parameters, then the same); and a Windows server's ({@code \} as {@code /}). The decision is asked
 * directly (the application comes from the server's database; no session or header check is reached without a
 * cookie or an {@code Authorization} header).
 */
class ForwardAuthPathPropertyTest {
    /** The first seed; {@code -Dgatehouse.property.seed=<n>} replays another. */
    private static final long SEED = Long.getLong("gatehouse.property.seed", 0x13_2026_12_07L);
    private static final int SEEDS = 5;
    private static final int CASES = 20_000;
    private static final List<String> SEGMENTS = List.of("..", ".", "%2e", "%2E%2e", ".%2E", "%2e.", "%2f", "%2F", "",
            ";x", "..;", ".;x", "public", "admin", "outpost.goauthentik.io", "start", "callback", "sign_out", "auth",
            "nginx", "envoy", "%00", "\\", "%5c", "%5C", "?", "?x=/public/", "#", "%", "%2", "%c0%ae", "%C0%AE%C0%AE",
            "%70ublic", "publ%69c", "%61dmin", "~", "a;b", "%3b", "%25", "%252e%252e", "..%2f", "%2e%2e%2f", " ", "\t",
            "%20", "é", "%C3%A9", "/", "//");
    private static final Set<String> OUTPOST_ENDPOINTS = Set.of("/outpost.goauthentik.io/start",
            "/outpost.goauthentik.io/callback", "/outpost.goauthentik.io/sign_out",
            "/outpost.goauthentik.io/auth/traefik", "/outpost.goauthentik.io/auth/caddy",
            "/outpost.goauthentik.io/auth/nginx", "/outpost.goauthentik.io/auth/envoy");
    private static final Pattern UNRESERVED_TRIPLET = Pattern.compile("%([0-7][0-9A-Fa-f])");
    private static ProxyKit kit;
    private static ForwardAuth auth;

    @BeforeAll
    static void start() {
        kit = new ProxyKit(TestServer.start());
        kit.app("files", "http://files.test", Map.of("skip_path_regex", "^/public/"));
        auth = new ForwardAuth(kit.server.gatehouse().database(), null, null);
    }

    @AfterAll
    static void stop() {
        kit.close();
        kit.server.close();
    }

    @Test
    void anUnauthenticatedRequestIsSentToSignInRefusedOrOnAPublicPathByEveryReading() {
        for (long seed = SEED; seed < SEED + SEEDS; seed++) {
            check(seed);
        }
    }

    private static void check(long seed) {
        Random random = new Random(seed);
        int anonymous = 0;
        int refused = 0;
        int signIn = 0;
        for (int i = 0; i < CASES; i++) {
            String uri = generate(random);
            ForwardAuth.Decision d = auth.decide(new ForwardRequest("GET", "http", "files.test", uri, null, null,
                    () -> "203.0.113.9", "property-test", "http://gatehouse.test", List.of()));
            switch (d) {
                case ForwardAuth.Decision.SignIn s -> signIn++;
                case ForwardAuth.Decision.Refused r -> refused++;
                case ForwardAuth.Decision.Anonymous a -> {
                    anonymous++;
                    String path = uri.split("[?#]", 2)[0];
                    for (String reading : readings(path)) {
                        assertThat(reading.startsWith("/public/") || reading.equals("/public")
                                || OUTPOST_ENDPOINTS.contains(reading))
                                .as("case %d: %s let through, but a server reads it as %s (seed %d)", i, uri, reading,
                                        seed).isTrue();
                    }
                }
                default -> throw new AssertionError("case " + i + ": " + uri + " answered " + d);
            }
        }
        // the generator reaches every outcome often enough for the property to mean something
        assertThat(anonymous).as("let through").isGreaterThan(CASES / 100);
        assertThat(refused).as("refused").isGreaterThan(CASES / 10);
        assertThat(signIn).as("sent to sign in").isGreaterThan(CASES / 10);
    }

    /** A path of 1 to 6 segments from the alphabet, often starting the way an attack does. */
    private static String generate(Random random) {
        StringBuilder b = new StringBuilder();
        switch (random.nextInt(4)) {
            case 0 -> b.append("/public/");
            case 1 -> b.append("/outpost.goauthentik.io/");
            default -> b.append('/');
        }
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            if (i > 0 && random.nextInt(4) > 0) {
                b.append('/');
            }
            b.append(SEGMENTS.get(random.nextInt(SEGMENTS.size())));
        }
        if (random.nextInt(3) == 0) {
            b.append('/');
        }
        return b.toString();
    }

    /** How servers behind the proxy may read the raw path (those that cannot read it at all are left out). */
    private static List<String> readings(String raw) {
        List<String> out = new ArrayList<>();
        try {
            String normalized = URI.create(decodeUnreserved(raw)).normalize().getRawPath();
            while (normalized.startsWith("/../")) {
                normalized = normalized.substring(3); // RFC 2396 keeps a leading "..", RFC 3986 §5.2.4 drops it
            }
            out.add(normalized);
        } catch (IllegalArgumentException e) {
            // java.net.URI refuses it: no reading
        }
        String decoded = decodeAll(raw);
        if (decoded != null) {
            out.add(resolve(decoded));
            out.add(resolve(decoded.replace('\\', '/')));
            out.add(resolve(cutParameters(decoded)));
        }
        String cutFirst = decodeAll(cutParameters(raw));
        if (cutFirst != null) {
            out.add(resolve(cutFirst));
        }
        return out;
    }

    /** RFC 3986 §6.2.2.2: only the triplets of unreserved characters decoded. */
    private static String decodeUnreserved(String raw) {
        return UNRESERVED_TRIPLET.matcher(raw).replaceAll(m -> {
            char c = (char) Integer.parseInt(m.group(1), 16);
            return Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0 ? String.valueOf(c) : m.group();
        });
    }

    private static String decodeAll(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String cutParameters(String path) {
        return String.join("/", java.util.Arrays.stream(path.split("/", -1))
                .map(s -> s.contains(";") ? s.substring(0, s.indexOf(';')) : s).toList());
    }

    /** posixpath.normpath as Python's http.server applies it, keeping a trailing slash. */
    private static String resolve(String path) {
        List<String> stack = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!stack.isEmpty()) {
                    stack.removeLast();
                }
            } else {
                stack.add(s);
            }
        }
        String joined = "/" + String.join("/", stack);
        return path.endsWith("/") && !joined.endsWith("/") ? joined + "/" : joined;
    }
}
