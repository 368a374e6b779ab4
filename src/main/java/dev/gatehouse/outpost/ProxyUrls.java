package dev.gatehouse.outpost;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * URL and domain rules shared by the provider's validation and forward auth: what an external or internal
 * host may look like, and when a host is under a cookie domain — a whole-label suffix, so
 * {@code evilexample.org} is not under {@code example.org} (authentik's {@code strings.HasSuffix} lets it be).
 */
public final class ProxyUrls {
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private ProxyUrls() {
    }

    /** What keeps {@code url} from being an absolute http(s) URL with a host (and nothing after its path), or null. */
    public static String httpUrlProblem(String url) {
        URI u;
        try {
            u = new URI(url.strip());
        } catch (URISyntaxException e) {
            return "Enter a valid URL such as https://app.example.org.";
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "Enter a URL that starts with http:// or https://.";
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            return "Enter a URL with a host name, such as https://app.example.org.";
        }
        if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null) {
            return "The URL may not carry user information, a query or a fragment.";
        }
        return null;
    }

    public static String withoutTrailingSlash(String url) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** The lower-case host name of an absolute URL (IPv6 literals keep their brackets off). */
    public static String hostName(String url) {
        String h = URI.create(url.strip()).getHost();
        return h == null ? "" : stripBrackets(h.toLowerCase(Locale.ROOT));
    }

    /** The host name part of a {@code host[:port]} authority, lower case. */
    public static String hostOfAuthority(String authority) {
        String a = authority.toLowerCase(Locale.ROOT);
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end < 0 ? a : a.substring(1, end);
        }
        int colon = a.lastIndexOf(':');
        return colon < 0 ? a : a.substring(0, colon);
    }

    public static boolean validDomain(String domain) {
        return DOMAIN.matcher(normaliseDomain(domain)).matches();
    }

    /** A cookie domain as stored: lower case, without the leading dot RFC 6265 ignores. */
    public static String normaliseDomain(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        return d.startsWith(".") ? d.substring(1) : d;
    }

    /** Whether {@code host} is {@code domain} or a name under it (whole labels). */
    public static boolean underDomain(String host, String domain) {
        if (domain == null || domain.isEmpty() || host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals(domain) || h.endsWith("." + domain);
    }

    private static String stripBrackets(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
