package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.Provider;
import dev.gatehouse.provider.ProviderRecord;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import java.net.URI;
import java.util.Locale;

/**
 * A proxy provider: an OAuth2 client of this server ({@code oauth2}: client id and secret, the one redirect
 * URI, token validity) plus what forward auth needs. {@code externalHost} is an absolute http(s) URL without a
 * trailing slash; {@code cookieDomain} is empty unless set (no leading dot kept).
 */
public record ProxyProvider(OAuth2Provider oauth2, ProxyMode mode, String externalHost, String internalHost,
                            boolean internalHostSslValidation, String cookieDomain, String skipPathRegex,
                            boolean basicAuthEnabled, String basicAuthUserAttribute,
                            String basicAuthPasswordAttribute, boolean interceptHeaderAuth) implements ProviderRecord {
    /** Where the outpost paths live on every protected host. */
    public static final String PREFIX = "/outpost.goauthentik.io";
    /** authentik's marker on the callback URL ({@code OUTPOST_CALLBACK_SIGNATURE}). */
    public static final String CALLBACK_QUERY = "X-authentik-auth-callback=true";

    public long pk() {
        return oauth2.pk();
    }

    public Provider provider() {
        return oauth2.provider();
    }

    public String name() {
        return oauth2.provider().name();
    }

    /** The redirect URI the provider registers and the sign-in sends to the authorize endpoint. */
    public String callbackUrl() {
        return callbackUrl(externalHost);
    }

    public static String callbackUrl(String externalHost) {
        URI u = URI.create(externalHost);
        return u.getScheme() + "://" + u.getRawAuthority() + PREFIX + "/callback?" + CALLBACK_QUERY;
    }

    /** The external host's authority (host and port as written), lower case. */
    public String externalAuthority() {
        return URI.create(externalHost).getRawAuthority().toLowerCase(Locale.ROOT);
    }

    public boolean externalHttps() {
        return externalHost.regionMatches(true, 0, "https:", 0, 6);
    }

    @Override
    public String toString() {
        return "ProxyProvider[pk=" + pk() + ", name=" + name() + ", mode=" + mode.wire() + ", externalHost="
                + externalHost + "]";
    }
}
