package dev.gatehouse.web.admin.applications;

import java.util.Arrays;
import java.util.Optional;

/**
 * The wizard's first step: what kind of provider the new application gets. Each names the API collection that
 * creates it and, for proxy providers, the mode it preselects.
 */
public enum ProviderKind {
    OAUTH2("oauth2", "OAuth2/OpenID Provider",
            "Sign-in with OpenID Connect or OAuth 2.0, for applications that support it.", "providers/oauth2/", null),
    FORWARD_SINGLE("forward-single", "Proxy Provider: forward auth (single application)",
            "A reverse proxy (Traefik, Caddy, nginx) asks Gatehouse before passing requests to one application.",
            "providers/proxy/", "forward_single"),
    FORWARD_DOMAIN("forward-domain", "Proxy Provider: forward auth (domain level)",
            "One sign-in for every application under a domain, each behind a reverse proxy that asks Gatehouse.",
            "providers/proxy/", "forward_domain"),
    PROXY("proxy", "Proxy Provider: proxy",
            "Gatehouse itself forwards the signed-in requests to the application's internal address.",
            "providers/proxy/", "proxy");

    private final String slug;
    private final String label;
    private final String description;
    private final String apiPath;
    private final String mode;

    ProviderKind(String slug, String label, String description, String apiPath, String mode) {
        this.slug = slug;
        this.label = label;
        this.description = description;
        this.apiPath = apiPath;
        this.mode = mode;
    }

    public static Optional<ProviderKind> bySlug(String slug) {
        return Arrays.stream(values()).filter(k -> k.slug.equals(slug)).findFirst();
    }

    public String slug() {
        return slug;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** The API collection that creates this kind of provider. */
    public String apiPath() {
        return apiPath;
    }

    /** The proxy provider's mode, or null for OAuth2. */
    public String mode() {
        return mode;
    }

    public boolean proxy() {
        return mode != null;
    }

    public boolean forwardAuth() {
        return mode != null && mode.startsWith("forward_");
    }
}
