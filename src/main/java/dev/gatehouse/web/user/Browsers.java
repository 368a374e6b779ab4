package dev.gatehouse.web.user;

/** A short, readable name for a browser from its User-Agent: "Firefox on Linux", "Chrome on Android". */
final class Browsers {
    private Browsers() {
    }

    static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown browser";
        }
        String ua = userAgent;
        String browser = ua.contains("Edg/") ? "Edge" : ua.contains("OPR/") ? "Opera" : ua.contains("Firefox/")
                ? "Firefox" : ua.contains("Chrome/") || ua.contains("Chromium/") ? "Chrome"
                : ua.contains("Safari/") ? "Safari" : ua.startsWith("curl/") ? "curl" : null;
        String os = ua.contains("Android") ? "Android" : ua.contains("iPhone") || ua.contains("iPad") ? "iOS"
                : ua.contains("Windows") ? "Windows" : ua.contains("Mac OS X") || ua.contains("Macintosh") ? "macOS"
                : ua.contains("Linux") ? "Linux" : null;
        if (browser == null) {
            String first = ua.split("[\\s/]", 2)[0];
            browser = first.length() > 40 ? first.substring(0, 40) : first;
        }
        return os == null ? browser : browser + " on " + os;
    }
}
