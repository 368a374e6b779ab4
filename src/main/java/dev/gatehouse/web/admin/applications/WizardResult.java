package dev.gatehouse.web.admin.applications;

import dev.gatehouse.web.admin.ObjectTypes;
import java.util.List;
import java.util.Map;

/**
 * The wizard's last step, shown once as the answer to the post that created the objects: links to them, and
 * what the operator copies next. For OAuth2 the client id and secret and the OpenID endpoints; for forward auth
 * the reverse-proxy configurations with Gatehouse's and the application's addresses filled in; for proxy mode
 * where the application is now reached.
 *
 * @param outpostHost the embedded outpost's {@code authentik_host}, or null when unset (sign-in then uses the
 *                    URL each request came in on)
 */
public record WizardResult(ProviderKind kind, String appName, String appHref, String providerName, String providerHref,
                           String clientId, String clientSecret, List<Endpoint> endpoints, String externalHost,
                           boolean inEmbeddedOutpost, String outpostHost, ForwardAuthSnippets snippets) {

    /** A labelled URL. */
    public record Endpoint(String label, String url) {
    }

    static WizardResult of(ProviderKind kind, Map<String, Object> app, Map<String, Object> created,
                           Map<String, Object> provider, String baseUrl, String outpostHost) {
        String base = baseUrl.replaceAll("/+$", "");
        String slug = text(app.get("slug"));
        String clientId = null;
        String clientSecret = null;
        List<Endpoint> endpoints = List.of();
        ForwardAuthSnippets snippets = null;
        String externalHost = text(provider.get("external_host"));
        if (kind == ProviderKind.OAUTH2) {
            clientId = text(created.get("client_id"));
            clientSecret = text(created.get("client_secret"));
            String o = base + "/application/o/";
            String issuer = "global".equals(provider.get("issuer_mode")) ? base + "/" : o + slug + "/";
            endpoints = List.of(new Endpoint("OpenID configuration (discovery) URL", o + slug + "/.well-known/openid-configuration"),
                    new Endpoint("Issuer", issuer),
                    new Endpoint("Authorize URL", o + "authorize/"),
                    new Endpoint("Token URL", o + "token/"),
                    new Endpoint("Userinfo URL", o + "userinfo/"),
                    new Endpoint("JWKS URL", o + slug + "/jwks/"),
                    new Endpoint("Logout URL", o + slug + "/end-session/"));
        } else if ("forward_single".equals(provider.get("mode")) || "forward_domain".equals(provider.get("mode"))) {
            snippets = new ForwardAuthSnippets(base, externalHost,
                    "forward_domain".equals(provider.get("mode")) ? text(provider.get("cookie_domain")) : null,
                    Boolean.TRUE.equals(provider.get("basic_auth_enabled")));
        }
        Object outposts = provider.get("outpost_set");
        boolean inOutpost = outposts instanceof List<?> l && !l.isEmpty();
        return new WizardResult(kind, text(app.get("name")), ObjectTypes.APPLICATIONS.href(slug), text(created.get("name")),
                ObjectTypes.PROVIDERS.href(created.get("pk")), clientId, clientSecret, endpoints, externalHost, inOutpost,
                outpostHost, snippets);
    }

    private static String text(Object v) {
        return v == null ? "" : String.valueOf(v);
    }
}
