package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.Application;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.outpost.Outpost;
import dev.gatehouse.outpost.ProxyUrls;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * One application the embedded outpost serves: its proxy provider, the application, the outpost, the compiled
 * skip paths, the session cookie's name ({@code gatehouse_proxy_<8 hex of sha256(client_id)>}) and the scopes
 * the sign-in asks for (the provider's scope mappings).
 */
public record ProxyRoute(ProxyProvider provider, Application application, Outpost outpost, SkipPaths skipPaths,
                         String cookieName, String scope) {

    static ProxyRoute of(ProxyProvider provider, Application application, Outpost outpost, List<String> scopes) {
        return new ProxyRoute(provider, application, outpost, SkipPaths.of(provider.skipPathRegex()),
                cookieName(provider.oauth2().clientId()), String.join(" ", scopes));
    }

    public static String cookieName(String clientId) {
        return "gatehouse_proxy_" + Secrets.sha256Hex(clientId).substring(0, 8);
    }

    public boolean domainMode() {
        return provider.mode() == ProxyMode.FORWARD_DOMAIN;
    }

    /** The cookie's Domain attribute: the cookie domain in domain mode, else none (host-only). */
    public String cookieDomain() {
        return domainMode() ? provider.cookieDomain() : null;
    }

    /**
     * The base URL browsers reach this server at: the outpost's {@code authentik_host} (as authentik's embedded
     * outpost), else the base of the request that reached it.
     */
    public String browserBase(String requestBase) {
        String configured = outpost.browserHost();
        return configured != null ? configured : requestBase;
    }

    /**
     * Why browsers cannot sign in to this application, or empty when they can. In single-application forward
     * auth the reverse proxy routes only {@code /outpost.goauthentik.io/} of the application's host to this server,
     * so without the outpost's {@code authentik_host} a browser would be sent to the application's own host for
     * the authorize endpoint, land on forward auth again and loop until its URL is too long.
     */
    public java.util.Optional<String> signInConfigurationError() {
        if (provider.mode() == ProxyMode.FORWARD_SINGLE && outpost.browserHost() == null) {
            return java.util.Optional.of("The outpost \"" + outpost.name() + "\" serving " + application.name()
                    + " has no authentik_host, so sign-in would be sent to the application's own host. Set the outpost's"
                    + " authentik_host to the URL browsers reach this server at.");
        }
        return java.util.Optional.empty();
    }

    /** Where sign-in starts for a request to {@code original}: its own host (single), the external host (domain). */
    public String startUrl(URI original) {
        String origin = domainMode() ? origin(URI.create(provider.externalHost()))
                : original.getScheme() + "://" + original.getRawAuthority();
        return origin + ProxyProvider.PREFIX + "/start";
    }

    /**
     * Whether the browser may be sent back to {@code rd} after signing in (CONTRACT.md fix: never to another
     * host): an http(s) URL on the provider's external host (single mode: same host and port), or in domain mode
     * on a host under the cookie domain.
     */
    public boolean allowsReturnTo(URI rd) {
        if (rd == null || rd.getScheme() == null || rd.getRawAuthority() == null || rd.getHost() == null
                || rd.getRawUserInfo() != null) {
            return false;
        }
        String scheme = rd.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        if (domainMode()) {
            return ProxyUrls.underDomain(ProxyUrls.hostOfAuthority(rd.getRawAuthority()), provider.cookieDomain());
        }
        URI external = URI.create(provider.externalHost());
        return ProxyRoutes.normalise(scheme, rd.getRawAuthority())
                .equals(ProxyRoutes.normalise(external.getScheme(), external.getRawAuthority()));
    }

    private static String origin(URI u) {
        return u.getScheme() + "://" + u.getRawAuthority();
    }
}
