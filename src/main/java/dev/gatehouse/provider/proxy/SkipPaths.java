package dev.gatehouse.provider.proxy;

import dev.gatehouse.web.CanonicalPath;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A provider's {@code skip_path_regex}: one regular expression per line (blank lines ignored), each searched
 * for (not anchored, as authentik's Go {@code MatchString}: anchor a line with {@code ^} and {@code $} to match a
 * whole path) in the {@link CanonicalPath canonical} path (single mode) or the canonical URL without the query
 * (domain mode: {@code scheme://host[:port]} then the canonical path) — never in the raw path and never in the
 * query string, so {@code /public/../admin/} is {@code /admin/} and {@code /admin/?x=/public/} is {@code /admin/}.
 * A match lets the request through without identity. A path with {@code ;} parameters must match both as it is
 * and with every segment's parameters cut off (as a servlet container reads it).
 */
public record SkipPaths(List<Pattern> patterns) {
    public static final SkipPaths NONE = new SkipPaths(List.of());

    public SkipPaths {
        patterns = List.copyOf(patterns);
    }

    /** Compiles a stored value (checked when it was saved). */
    public static SkipPaths of(String text) {
        List<Pattern> out = new ArrayList<>();
        for (String line : lines(text)) {
            out.add(Pattern.compile(line));
        }
        return out.isEmpty() ? NONE : new SkipPaths(out);
    }

    /** What is wrong with a value, or null: names the line that does not compile. */
    public static String problem(String text) {
        List<String> lines = lines(text);
        for (int i = 0; i < lines.size(); i++) {
            try {
                Pattern.compile(lines.get(i));
            } catch (PatternSyntaxException e) {
                return "Line " + (i + 1) + " is not a valid regular expression: " + e.getDescription() + ".";
            }
        }
        return null;
    }

    /**
     * Whether a line matches {@code origin} (empty in single mode) followed by the canonical path, with and without
     * its {@code ;} parameters.
     */
    public boolean matches(String origin, CanonicalPath.Canonical path) {
        return matches(origin + path.path()) && matches(origin + path.withoutParameters());
    }

    private boolean matches(String candidate) {
        for (Pattern p : patterns) {
            if (p.matcher(candidate).find()) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
