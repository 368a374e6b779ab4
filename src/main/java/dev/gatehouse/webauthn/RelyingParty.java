package dev.gatehouse.webauthn;

import dev.gatehouse.flow.engine.FlowRequest;
import java.util.Locale;
import java.util.Optional;

/**
 * The WebAuthn relying party a request speaks to: its id is the host the browser used (the brand's domain,
 * without the port), its origin that host with the scheme and port the browser used, and its name the brand's
 * title. A credential is bound to the RP id; an assertion or registration is only accepted from the origin.
 */
public record RelyingParty(String id, String name, String origin) {

    /** From the request's Host header and scheme; empty when there is no host (a headless caller). */
    public static Optional<RelyingParty> of(FlowRequest request, String name) {
        String host = request.http().host();
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        return of(host.trim(), request.secure(), name);
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
