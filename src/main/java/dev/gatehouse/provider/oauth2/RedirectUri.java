package dev.gatehouse.provider.oauth2;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One registered redirect URI of an OAuth2 provider: {@code strict} compares the whole string, {@code regex}
 * must match the whole candidate (anchored; authentik's unanchored search let
 * {@code https://a.example.com.evil.net} through). {@code type} says whether it is for authorization
 * responses or for RP-initiated logout ({@code post_logout_redirect_uri}).
 */
public record RedirectUri(String matchingMode, String url, String type) {
    public static final List<String> MODES = List.of("strict", "regex");
    public static final List<String> TYPES = List.of("authorization", "logout");

    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return matchingMode.equals("regex") ? Pattern.compile(url).matcher(candidate).matches() : url.equals(candidate);
    }

    /** What is wrong with this entry, or null. */
    public String problem() {
        if (!MODES.contains(matchingMode)) {
            return "\"" + matchingMode + "\" is not a valid matching_mode.";
        }
        if (!TYPES.contains(type)) {
            return "\"" + type + "\" is not a valid redirect_uri_type.";
        }
        if (url == null || url.isBlank()) {
            return "url may not be blank.";
        }
        if (matchingMode.equals("regex")) {
            try {
                Pattern.compile(url);
            } catch (PatternSyntaxException e) {
                return "url is not a valid regular expression: " + e.getDescription() + ".";
            }
        } else if (url.contains("#")) {
            return "A redirect URI may not contain a fragment.";
        }
        return null;
    }

    /** Whether any entry of {@code type} matches. An empty list matches nothing. */
    public static boolean anyMatches(List<RedirectUri> uris, String type, String candidate) {
        return uris.stream().filter(u -> u.type().equals(type)).anyMatch(u -> u.matches(candidate));
    }
}
