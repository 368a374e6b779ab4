package dev.gatehouse.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one canonical form of a URL path that every decision depending on a path is made on (forward auth's outpost
 * endpoints and skip paths, the path proxy mode forwards), so that what is decided is what the server behind a
 * reverse proxy resolves — whichever of the usual ways it reads a path. From the raw path (without the query):
 * <ol>
 * <li>It must be absolute (start with {@code /}), as the path of an HTTP request-target is (RFC 9112 §3.2.1),
 * and not start with {@code //}, which a URL parser reads as a network-path reference with a host (RFC 3986
 * §4.2: {@code //public/admin} is the path {@code /admin} on the host {@code public}).</li>
 * <li>Percent-encoding (RFC 3986 §2.1): every {@code %} starts a triplet of two hex digits. A triplet of an
 * unreserved character (§2.3: {@code A-Z a-z 0-9 - . _ ~}) is decoded (§6.2.2.2: so {@code %2e} and {@code %2E} are
 * {@code .}); every other triplet stays encoded, with upper-case hex digits (§6.2.2.1).</li>
 * <li>Runs of {@code /} are collapsed into one (an empty segment is kept by RFC 3986 but dropped by nginx's
 * {@code merge_slashes} and by file servers).</li>
 * <li>Dot segments are removed (RFC 3986 §5.2.4).</li>
 * <li>{@code ;} path parameters (§3.3) stay part of their segment; {@link Canonical#withoutParameters()} is the same
 * path with every segment cut at its first {@code ;}, as servlet containers read it.</li>
 * </ol>
 * <b>Refused</b> (the answer is {@link Refused}, which callers turn into a 400; it is never let through), because
 * the servers behind a proxy disagree on what these mean:
 * <ul>
 * <li>invalid percent-encoding ({@code %} without two hex digits after it);</li>
 * <li>an encoded {@code /} ({@code %2F}): a separator to servers that decode before they split, a character of
 * its segment to the others;</li>
 * <li>an encoded {@code ;} ({@code %3B}): a parameter delimiter to servers that decode before they cut
 * parameters, a character of its segment to the others;</li>
 * <li>{@code \}, raw or {@code %5C}: a separator on Windows file systems and to WHATWG URL parsers;</li>
 * <li>NUL and every other control character, raw or encoded ({@code %00}–{@code %1F}, {@code %7F}), and a raw
 * space: C strings end at NUL, and none of them may appear in a request-target;</li>
 * <li>{@code #} (a fragment never reaches a server) and raw characters outside ASCII (a request-target is ASCII,
 * RFC 9112 §3.2);</li>
 * <li>encoded octets from {@code %80} up that are not well-formed UTF-8 (RFC 3629 §3), such as the overlong
 * {@code %C0%AE} for {@code .} that lenient decoders turn into a dot segment;</li>
 * <li>a segment that is a dot segment once its parameters are cut off ({@code ..;x}, {@code .;}): Tomcat resolves
 * it, RFC 3986 does not;</li>
 * <li>a path whose result depends on the order of the steps: collapsing {@code //} before or after removing the
 * dot segments ({@code /a//../b} is {@code /b} or {@code /a/b}), or cutting parameters before or after
 * ({@code /a/;x/../b}).</li>
 * </ul>
 * The printable ASCII characters RFC 3986 does not allow in a path ({@code " < > [ ] ^ ` { | }}) are
 * percent-encoded (§2.1; browsers send some of them raw); the others are kept as they are. Canonicalising a
 * canonical path changes nothing.
 */
public final class CanonicalPath {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Printable ASCII that RFC 3986 allows nowhere in a path (besides {@code \}, {@code #} and space, refused). */
    private static final String NOT_IN_PATH = "\"<>[]^`{|}";

    private CanonicalPath() {
    }

    /** The outcome: the canonical path, or why there is none. */
    public sealed interface Result {
    }

    /** The canonical {@code path}, and the same with every segment's {@code ;} parameters cut off. */
    public record Canonical(String path, String withoutParameters) implements Result {
    }

    /** The path is ambiguous or malformed: refuse the request (400), naming {@code reason}. */
    public record Refused(String reason) implements Result {
    }

    /** Canonicalises a raw path (the request-target's path, without {@code ?} and the query). */
    public static Result of(String raw) {
        if (raw == null || raw.isEmpty() || raw.charAt(0) != '/') {
            return new Refused("The path must start with \"/\".");
        }
        if (raw.startsWith("//")) {
            return new Refused("The path starts with \"//\", which URL parsers read as a host name.");
        }
        StringBuilder decoded = new StringBuilder(raw.length());
        List<Byte> encodedRun = new ArrayList<>();
        for (int i = 0; i < raw.length(); ) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (lo < 0) {
                    return new Refused("The path has a \"%\" that is not followed by two hex digits.");
                }
                int octet = hi * 16 + lo;
                String problem = refusedOctet(octet, true);
                if (problem != null) {
                    return new Refused(problem);
                }
                i += 3;
                if (octet >= 0x80) {
                    encodedRun.add((byte) octet);
                    appendEncoded(decoded, octet);
                    continue;
                }
                if (!wellFormed(encodedRun)) {
                    return notUtf8();
                }
                if (unreserved(octet)) {
                    decoded.append((char) octet);
                } else {
                    appendEncoded(decoded, octet);
                }
                continue;
            }
            if (!wellFormed(encodedRun)) {
                return notUtf8();
            }
            String problem = c > 0x7e ? "The path has a character outside ASCII that is not percent-encoded."
                    : c == '#' ? "The path has a \"#\"." : refusedOctet(c, false);
            if (problem != null) {
                return new Refused(problem);
            }
            if (NOT_IN_PATH.indexOf(c) >= 0) {
                appendEncoded(decoded, c);
            } else {
                decoded.append(c);
            }
            i++;
        }
        if (!wellFormed(encodedRun)) {
            return notUtf8();
        }
        String path = decoded.toString();
        for (String segment : path.split("/", -1)) {
            int semicolon = segment.indexOf(';');
            if (semicolon >= 0 && isDot(segment.substring(0, semicolon))) {
                return new Refused("The path has a dot segment with parameters (\"" + segment + "\").");
            }
        }
        String canonical = removeDotSegments(collapse(path));
        if (!canonical.equals(collapse(removeDotSegments(path)))) {
            return new Refused("The path has an empty segment (\"//\") before a \"..\" segment.");
        }
        String withoutParameters = withoutParameters(canonical);
        if (!withoutParameters.equals(removeDotSegments(collapse(withoutParameters(path))))) {
            return new Refused("The path has a segment of parameters only (\"/;\") before a \"..\" segment.");
        }
        return new Canonical(canonical, withoutParameters);
    }

    /** Why an octet may not appear in a path (raw or {@code encoded}), or null. */
    private static String refusedOctet(int octet, boolean encoded) {
        if (octet < 0x20 || octet == 0x7f) {
            return "The path has a control character" + (encoded ? " (percent-encoded)." : ".");
        }
        if (octet == '\\') {
            return "The path has a backslash" + (encoded ? " (%5C)." : ".");
        }
        if (encoded && octet == '/') {
            return "The path has an encoded slash (%2F).";
        }
        if (encoded && octet == ';') {
            return "The path has an encoded semicolon (%3B).";
        }
        if (!encoded && octet == ' ') {
            return "The path has a space that is not percent-encoded.";
        }
        return null;
    }

    private static Refused notUtf8() {
        return new Refused("The path has percent-encoded octets that are not UTF-8.");
    }

    /** Whether a run of encoded octets from %80 up is well-formed UTF-8; empties the run. */
    private static boolean wellFormed(List<Byte> run) {
        if (run.isEmpty()) {
            return true;
        }
        byte[] bytes = new byte[run.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = run.get(i);
        }
        run.clear();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean unreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                || c == '_' || c == '~';
    }

    private static void appendEncoded(StringBuilder b, int octet) {
        b.append('%').append(HEX[octet >> 4]).append(HEX[octet & 0xf]);
    }

    private static boolean isDot(String segment) {
        return segment.equals(".") || segment.equals("..");
    }

    /** Runs of {@code /} as one. */
    static String collapse(String path) {
        StringBuilder b = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || b.isEmpty() || b.charAt(b.length() - 1) != '/') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Each segment cut at its first {@code ;}. */
    static String withoutParameters(String path) {
        if (path.indexOf(';') < 0) {
            return path;
        }
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            int semicolon = segments[i].indexOf(';');
            if (semicolon >= 0) {
                segments[i] = segments[i].substring(0, semicolon);
            }
        }
        return String.join("/", segments);
    }

    /** RFC 3986 §5.2.4 remove_dot_segments, step by step as written there. */
    static String removeDotSegments(String path) {
        String in = path;
        StringBuilder out = new StringBuilder(path.length());
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./")) {
                in = in.substring(2);
            } else if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../")) {
                in = in.substring(3);
                dropLastSegment(out);
            } else if (in.equals("/..")) {
                in = "/";
                dropLastSegment(out);
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int next = in.indexOf('/', in.startsWith("/") ? 1 : 0);
                int end = next < 0 ? in.length() : next;
                out.append(in, 0, end);
                in = in.substring(end);
            }
        }
        return out.toString();
    }

    private static void dropLastSegment(StringBuilder out) {
        int slash = out.lastIndexOf("/");
        out.setLength(Math.max(slash, 0));
    }
}
