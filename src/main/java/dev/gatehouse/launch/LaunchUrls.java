package dev.gatehouse.launch;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.Provider;
import dev.gatehouse.core.ProviderStore;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.OAuth2ProviderStore;
import dev.gatehouse.provider.oauth2.RedirectUri;
import dev.gatehouse.provider.proxy.ProxyProviderStore;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Where an application's tile opens (authentik's {@code Application.get_launch_url}): its launch URL when set,
 * else one derived from its provider — a proxy provider's external host, an OAuth2 provider's first usable
 * authorization redirect URI cut to its origin ({@code https://app.example.org}; a regex entry counts only when it
 * is a plain URL, not a pattern). {@link #HIDDEN} ({@code blank://blank}) is returned as is: the portal hides such
 * an application, the API shows it.
 */
public final class LaunchUrls {
    /** The launch URL that hides an application from the portal. */
    public static final String HIDDEN = "blank://blank";
    private static final Pattern ORIGIN = Pattern.compile("(https?://[A-Za-z0-9.-]+(?::\\d{1,5})?)(?:[/?#].*)?");
    private static final Pattern REGEX_META = Pattern.compile("[\\\\^$*+?()\\[\\]{}|]");
    private final DSLContext dsl;

    public LaunchUrls(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The application's launch URL, set or derived; empty when there is none. */
    public Optional<String> of(Application app) {
        if (app.metaLaunchUrl() != null && !app.metaLaunchUrl().isBlank()) {
            return Optional.of(app.metaLaunchUrl());
        }
        if (app.provider() == null) {
            return Optional.empty();
        }
        Optional<Provider> provider = new ProviderStore(dsl).byPk(app.provider());
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        return switch (provider.get().kind()) {
            case "proxy" -> new ProxyProviderStore(dsl).byPk(app.provider()).map(p -> p.externalHost())
                    .filter(h -> !h.isBlank());
            case "oauth2" -> new OAuth2ProviderStore(dsl).byPk(app.provider()).flatMap(LaunchUrls::fromRedirects);
            default -> Optional.empty();
        };
    }

    /** Whether the portal hides the application ({@code blank://blank}). */
    public static boolean hidden(Application app) {
        return HIDDEN.equals(app.metaLaunchUrl());
    }

    static Optional<String> fromRedirects(OAuth2Provider p) {
        for (RedirectUri uri : p.redirectUris()) {
            if (!uri.type().equals("authorization")) {
                continue;
            }
            Optional<String> origin = origin(uri);
            if (origin.isPresent()) {
                return origin;
            }
        }
        return Optional.empty();
    }

    /** The origin of a redirect URI; a regex entry only when it is a plain URL without pattern characters. */
    static Optional<String> origin(RedirectUri uri) {
        String url = uri.url();
        if (url == null || (uri.matchingMode().equals("regex") && REGEX_META.matcher(url).find())) {
            return Optional.empty();
        }
        Matcher m = ORIGIN.matcher(url);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
