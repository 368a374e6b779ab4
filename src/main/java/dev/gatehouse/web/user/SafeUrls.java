package dev.gatehouse.web.user;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which addresses an admin typed may become a link or an image on the user's page: jte escapes them, but an
 * escaped {@code javascript:} address still runs when clicked, so such schemes are refused.
 */
final class SafeUrls {
    private static final Pattern SCHEME = Pattern.compile("([a-z][a-z0-9+.-]*):.*", Pattern.DOTALL);
    private static final java.util.Set<String> REFUSED = java.util.Set.of("javascript", "data", "vbscript", "blob",
            "file");

    private SafeUrls() {
    }

    /** A link target: any address but the refused schemes; null when refused or blank. */
    static String link(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String squeezed = url.replaceAll("[\\x00-\\x20]", "").toLowerCase(Locale.ROOT);
        Matcher m = SCHEME.matcher(squeezed);
        return m.matches() && REFUSED.contains(m.group(1)) ? null : url.strip();
    }

    /** An image source: an http(s) address or a path on this server; null otherwise. */
    static String image(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        boolean ok = lower.startsWith("https://") || lower.startsWith("http://")
                || (u.startsWith("/") && !u.startsWith("//") && !u.startsWith("/\\"));
        return ok && !u.matches(".*[\\x00-\\x20\"'<>].*") ? u : null;
    }
}
