package dev.gatehouse.core;

/**
 * How one HTTP request reached this server, decided once per request by {@code web.RequestOrigins} and used by
 * every part that needs it. {@code scheme} and {@code host} (the authority, {@code host[:port]}; null when the
 * request named none) are how the browser reached us: {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}
 * count only from a trusted proxy. {@code baseUrl} is where browsers reach this server: the configured external
 * URL, else {@code scheme://host} (the OIDC issuer, the WebAuthn relying party and links are built on it).
 * {@code clientIp} is the client's address ({@code X-Forwarded-For} only from a trusted proxy).
 */
public record RequestOrigin(String scheme, String host, String baseUrl, String clientIp) {

    /** Whether the browser reached us over HTTPS (Secure cookies). */
    public boolean secure() {
        return "https".equals(scheme);
    }
}
