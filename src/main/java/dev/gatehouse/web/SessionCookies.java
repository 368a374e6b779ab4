package dev.gatehouse.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The browser-session cookies (RFC 6265): {@code gatehouse_session} (HttpOnly) carries the session key,
 * {@code gatehouse_csrf} (readable by the page's script) carries the token the page echoes in the
 * {@code X-authentik-CSRF} header. Both are SameSite=Lax and Path=/, Secure when the request came over
 * HTTPS (our TLS listener, or {@code X-Forwarded-Proto: https} from a trusted proxy), and carry
 * {@code Domain} when GATEHOUSE_COOKIE_DOMAIN is set.
 */
public final class SessionCookies {
    public static final String SESSION = "gatehouse_session";
    public static final String CSRF = "gatehouse_csrf";
    public static final String FLOW = "gatehouse_flow";
    /** The identifier the identification stage remembers on this browser ("Remember me on this device"). */
    public static final String REMEMBER = "gatehouse_remember";
    static final Duration REMEMBER_FOR = Duration.ofDays(365);
    static final int MAX_REMEMBERED = 255;
    public static final String CSRF_HEADER = "X-authentik-CSRF";
    private static final Pattern DOMAIN = Pattern.compile("\\.?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_-]+");

    private final String domain;
    private final RequestOrigins origins;

    public SessionCookies(Optional<String> domain, RequestOrigins origins) {
        this.domain = domain.filter(d -> !d.isBlank()).map(String::trim).orElse(null);
        if (this.domain != null && !DOMAIN.matcher(this.domain).matches()) {
            throw new IllegalArgumentException("not a cookie domain: " + this.domain);
        }
        this.origins = origins;
    }

    /** Whether the browser reached us over HTTPS (the request's {@link RequestOrigins origin}). */
    public boolean secure(ServerRequest req) {
        return origins.of(req).secure();
    }

    /** Whether a request over TLS or not, from {@code peer}, with this {@code X-Forwarded-Proto} is HTTPS. */
    public boolean secure(boolean tlsListener, SocketAddress peer, String forwardedProto) {
        return origins.resolve(tlsListener, peer, null, List.of(), forwardedProto, null).secure();
    }

    /**
     * The two {@code Set-Cookie} values that start a session. {@code expires} null makes them browser-session
     * cookies (gone when the browser closes).
     */
    public List<String> issue(String sessionKey, String csrfToken, Instant expires, Instant now, boolean secure) {
        return List.of(cookie(SESSION, sessionKey, true, expires, now, secure),
                cookie(CSRF, csrfToken, false, expires, now, secure));
    }

    /** The cookie that binds a browser to its flow plans (before any session exists): browser-session, HttpOnly. */
    public String flowCookie(String key, boolean secure) {
        return cookie(FLOW, key, true, null, Instant.now(), secure);
    }

    /** Removes the flow cookie (cancel: the browser's plans are forgotten). */
    public String clearFlowCookie(boolean secure) {
        Instant epoch = Instant.EPOCH;
        return cookie(FLOW, "", true, epoch, epoch.plusSeconds(1), secure);
    }

    /** Keeps {@code identifier} on this browser for a year (HttpOnly; base64url, as cookie values must be). */
    public String remember(String identifier, boolean secure) {
        if (identifier.length() > MAX_REMEMBERED) {
            return forget(secure);
        }
        Instant now = Instant.now();
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(identifier.getBytes(StandardCharsets.UTF_8));
        return cookie(REMEMBER, value, true, now.plus(REMEMBER_FOR), now, secure);
    }

    /** Removes the remembered identifier. */
    public String forget(boolean secure) {
        Instant epoch = Instant.EPOCH;
        return cookie(REMEMBER, "", true, epoch, epoch.plusSeconds(1), secure);
    }

    /** The identifier this browser remembers, when its cookie holds a readable one. */
    public static Optional<String> remembered(String cookieHeader) {
        return read(cookieHeader, REMEMBER).flatMap(v -> {
            try {
                String id = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Base64.getUrlDecoder().decode(v)))
                        .toString();
                return id.isBlank() || id.length() > MAX_REMEMBERED ? Optional.empty() : Optional.of(id);
            } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException unreadable) {
                return Optional.empty();
            }
        });
    }

    /** The two {@code Set-Cookie} values that remove the session cookies (logout). */
    public List<String> clear(boolean secure) {
        Instant epoch = Instant.EPOCH;
        return List.of(cookie(SESSION, "", true, epoch, epoch.plusSeconds(1), secure),
                cookie(CSRF, "", false, epoch, epoch.plusSeconds(1), secure));
    }

    /** Adds the values to the response, one {@code Set-Cookie} header each. */
    public static void write(ServerResponse res, List<String> setCookies) {
        for (String c : setCookies) {
            res.headers().add(HeaderValues.create(HeaderNames.SET_COOKIE, c));
        }
    }

    String cookie(String name, String value, boolean httpOnly, Instant expires, Instant now, boolean secure) {
        if (!value.isEmpty() && !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("cookie value must be url-safe base64");
        }
        StringBuilder b = new StringBuilder(name).append('=').append(value);
        if (domain != null) {
            b.append("; Domain=").append(domain);
        }
        b.append("; Path=/");
        if (expires != null) {
            long maxAge = Math.max(0, Duration.between(now, expires).toSeconds());
            b.append("; Expires=").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(expires.atOffset(ZoneOffset.UTC)))
                    .append("; Max-Age=").append(maxAge);
        }
        if (secure) {
            b.append("; Secure");
        }
        if (httpOnly) {
            b.append("; HttpOnly");
        }
        return b.append("; SameSite=Lax").toString();
    }

    /** The value of the first cookie with this name in a {@code Cookie} request header (RFC 6265 section 5.4). */
    public static Optional<String> read(String cookieHeader, String name) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        for (String pair : cookieHeader.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                String v = pair.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v.isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
