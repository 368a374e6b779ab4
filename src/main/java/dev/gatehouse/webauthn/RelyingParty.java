package dev.gatehouse.webauthn;

import dev.gatehouse.flow.engine.FlowRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * The WebAuthn relying party a request speaks to: its id is the host of the base URL browsers reach this server at
 * (the configured external URL, else the host the browser used; without the port), its origin that base URL
 * (WebAuthn Level 2 §5.1.3 step 9, §7.1 step 9), and its name the brand's title. A credential is bound to the RP id;
 * an assertion or registration is only accepted from the origin.
 */
public record RelyingParty(String id, String name, String origin) {

    /** From the request's base URL; empty when there is none (a headless caller). */
    public static Optional<RelyingParty> of(FlowRequest request, String name) {
        String base = request.baseUrl();
        int sep = base == null ? -1 : base.indexOf("://");
        if (sep < 0) {
            return Optional.empty();
        }
        return of(base.substring(sep + 3), base.substring(0, sep).equalsIgnoreCase("https"), name);
    }

    /** From a Host header value ({@code localhost:9000}, {@code [::1]:9000}) and whether the scheme is https. */
    public static Optional<RelyingParty> of(String hostHeader, boolean secure, String name) {
        String authority = hostHeader.toLowerCase(Locale.ROOT);
        String hostname;
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            hostname = authority.substring(1, end);
        } else {
            int colon = authority.indexOf(':');
            hostname = colon < 0 ? authority : authority.substring(0, colon);
        }
        if (hostname.isEmpty() || !authority.matches("[a-z0-9.\\-\\[\\]:]+")) {
            return Optional.empty();
        }
        String scheme = secure ? "https" : "http";
        String defaultPort = secure ? ":443" : ":80";
        String shown = authority.endsWith(defaultPort) ? authority.substring(0, authority.length() - defaultPort.length())
                : authority;
        return Optional.of(new RelyingParty(hostname, name == null || name.isBlank() ? hostname : name,
                scheme + "://" + shown));
    }
}
