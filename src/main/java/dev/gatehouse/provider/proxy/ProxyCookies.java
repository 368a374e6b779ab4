package dev.gatehouse.provider.proxy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The forward-auth cookies (RFC 6265), all HttpOnly and SameSite=Lax (the callback is a top-level GET from this
 * server, which Lax cookies accompany), Secure over HTTPS:
 * <ul>
 * <li>the session, {@code gatehouse_proxy_<8 hex>}: Path=/, Domain = the cookie domain in domain mode (host-only
 * otherwise), until the session ends;</li>
 * <li>the sign-in's state cookie, {@code gatehouse_proxy_<8 hex>_state}: the PKCE verifier that binds a
 * sign-in to this browser, Path=/outpost.goauthentik.io/, for the state's lifetime, host-only (it is set by
 * {@code /start} and read by {@code /callback}, both on the external host).</li>
 * </ul>
 */
final class ProxyCookies {
    static final String STATE_SUFFIX = "_state";
    /** The prefix of every cookie this server sets ({@link dev.gatehouse.web.SessionCookies}, {@link ProxyRoute#cookieName}). */
    static final String OWN_PREFIX = "gatehouse_";

    private ProxyCookies() {
    }

    static String session(ProxyRoute route, String key, Instant expires, Instant now, boolean secure) {
        return cookie(route.cookieName(), key, "/", route.cookieDomain(), expires, now, secure);
    }

    static String clearSession(ProxyRoute route, boolean secure) {
        return cookie(route.cookieName(), "", "/", route.cookieDomain(), Instant.EPOCH, Instant.EPOCH, secure);
    }

    static String state(ProxyRoute route, String verifier, Instant now, boolean secure) {
        return cookie(route.cookieName() + STATE_SUFFIX, verifier, ProxyProvider.PREFIX + "/", null,
                now.plus(SignInState.VALIDITY), now, secure);
    }

    static String clearState(ProxyRoute route, boolean secure) {
        return cookie(route.cookieName() + STATE_SUFFIX, "", ProxyProvider.PREFIX + "/", null, Instant.EPOCH,
                Instant.EPOCH, secure);
    }

    /**
     * The {@code Cookie} header values of a request without this server's own cookies ({@link #OWN_PREFIX}: session
     * keys the application has no business with), as one header value (RFC 6265 §5.4, RFC 9113 §8.2.3); null when
     * no cookie is left.
     */
    static String withoutOwn(List<String> cookieHeaders) {
        StringBuilder kept = new StringBuilder();
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                String p = pair.strip();
                if (!p.isEmpty() && !p.startsWith(OWN_PREFIX)) {
                    kept.append(kept.isEmpty() ? "" : "; ").append(p);
                }
            }
        }
        return kept.isEmpty() ? null : kept.toString();
    }

    private static String cookie(String name, String value, String path, String domain, Instant expires, Instant now,
                                 boolean secure) {
        StringBuilder b = new StringBuilder(name).append('=').append(value);
        if (domain != null && !domain.isEmpty()) {
            b.append("; Domain=").append(domain);
        }
        long maxAge = Math.max(0, Duration.between(now, expires).toSeconds());
        b.append("; Path=").append(path)
                .append("; Expires=").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(expires.atOffset(ZoneOffset.UTC)))
                .append("; Max-Age=").append(maxAge);
        if (secure) {
            b.append("; Secure");
        }
        return b.append("; HttpOnly; SameSite=Lax").toString();
    }
}
