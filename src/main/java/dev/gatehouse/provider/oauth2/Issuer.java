package dev.gatehouse.provider.oauth2;

import dev.gatehouse.core.Application;

/**
 * The issuer URL of a provider as clients know it: {@code <base>/application/o/<app slug>/} (issuer_mode
 * per_provider, authentik's default) or {@code <base>/} (global). {@code base} is scheme and host of the request.
 */
public final class Issuer {
    private Issuer() {
    }

    public static String of(String base, OAuth2Provider provider, Application app) {
        return provider.issuerMode().equals("global") ? base + "/" : base + "/application/o/" + app.slug() + "/";
    }
}
