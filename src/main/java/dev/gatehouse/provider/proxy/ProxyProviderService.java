package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.Provider;
import dev.gatehouse.provider.ProviderLifecycle;
import dev.gatehouse.core.Timedelta;
import dev.gatehouse.core.Validation;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.outpost.ProxyUrls;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.OAuth2ProviderService;
import dev.gatehouse.provider.oauth2.OAuth2ProviderStore;
import dev.gatehouse.provider.oauth2.RedirectUri;
import dev.gatehouse.provider.oauth2.scope.DefaultScopeMappings;
import dev.gatehouse.store.Database;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Creates and changes proxy providers: the {@code core_provider} row (kind proxy), its OAuth2 client
 * ({@code providers_oauth2}) and its {@code providers_proxy} row, in one transaction with a model event. As in
 * authentik's {@code set_oauth_defaults}, the OAuth2 part is not the admin's to shape: a confidential client
 * with a generated id (40) and secret (128), the one strict redirect URI
 * {@code <external_host>/outpost.goauthentik.io/callback?X-authentik-auth-callback=true} (recomputed on every
 * change), and the openid, email and profile scopes besides any given. Unlike authentik (HS256 with the client
 * secret), tokens are signed with the default key pair, so the {@code X-authentik-jwt} an upstream receives can
 * be checked against {@code X-authentik-meta-jwks}. A new provider joins the embedded outpost unless the
 * request names its outposts ({@code outpost_set}, CONTRACT.md "Outposts" fix).
 */
public final class ProxyProviderService extends ProviderLifecycle<ProxyProvider, ProxyProviderChanges> {
    public static final String KIND = "proxy";
    /** authentik's proxy form preselects a day: the proxy session lives as long as its access token. */
    static final String DEFAULT_ACCESS_TOKEN_VALIDITY = "hours=24";
    private static final List<String> SCOPES = List.of(DefaultScopeMappings.OPENID, DefaultScopeMappings.EMAIL,
            DefaultScopeMappings.PROFILE);

    public ProxyProviderService(Database db) {
        super(db, KIND, "proxyprovider", (s, pk) -> new ProxyProviderStore(s).byPk(pk), true);
    }

    @Override
    protected void require(Validation v, ProxyProviderChanges c) {
        v.required(c.externalHost(), "external_host");
    }

    @Override
    protected void insert(DSLContext dsl, Provider p, ProxyProviderChanges c) {
        Settings merged = Settings.DEFAULTS.with(c);
        new OAuth2ProviderStore(dsl).insert(oauth2(dsl, p, Secrets.randomKey(40), Secrets.randomKey(128), merged,
                mappings(dsl, c.propertyMappings(), List.of())));
        new ProxyProviderStore(dsl).insert(merged.toProvider(new OAuth2ProviderStore(dsl).byPk(p.pk()).orElseThrow()));
    }

    @Override
    protected void update(DSLContext dsl, Provider p, ProxyProvider old, ProxyProviderChanges c) {
        Settings merged = Settings.of(old).with(c);
        new OAuth2ProviderStore(dsl).update(oauth2(dsl, p, old.oauth2().clientId(), old.oauth2().clientSecret(), merged,
                mappings(dsl, c.propertyMappings(), old.oauth2().propertyMappings())));
        new ProxyProviderStore(dsl).update(merged.toProvider(new OAuth2ProviderStore(dsl).byPk(p.pk()).orElseThrow()));
    }

    private static OAuth2Provider oauth2(DSLContext dsl, Provider p, String clientId, String secret, Settings m,
                                         List<UUID> mappings) {
        return new OAuth2Provider(p, "confidential", clientId, secret,
                List.of(new RedirectUri("strict", ProxyProvider.callbackUrl(m.externalHost()), "authorization")),
                OAuth2ProviderService.defaultSigningKey(dsl), "minutes=1", m.accessTokenValidity(),
                m.refreshTokenValidity(), "hashed_user_id", true, "per_provider", mappings);
    }

    /** The given mappings (or the old ones) plus the openid, email and profile scopes. */
    private static List<UUID> mappings(DSLContext dsl, List<UUID> given, List<UUID> old) {
        LinkedHashSet<UUID> out = new LinkedHashSet<>(OAuth2ProviderService.managedMappings(dsl, SCOPES));
        out.addAll(given != null ? given : old);
        return List.copyOf(out);
    }

    @Override
    protected dev.gatehouse.definition.Definition<ProxyProviderChanges> definition() {
        return ProxyProviderChanges.DEFINITION;
    }

    @Override
    protected void validateKind(DSLContext dsl, Validation v, ProxyProviderChanges c, ProxyProvider old) {
        Settings m = (old == null ? Settings.DEFAULTS : Settings.of(old)).with(c);
        OAuth2ProviderService.propertyMappings(dsl, v, c.propertyMappings());
        boolean modeKnown = c.mode() == null || ProxyMode.of(c.mode()).isPresent();
        if (c.externalHost() != null) {
            v.check(ProxyUrls.httpUrlProblem(c.externalHost()) == null, "external_host",
                    ProxyUrls.httpUrlProblem(c.externalHost()));
        }
        if (c.internalHost() != null && !c.internalHost().isEmpty()) {
            v.check(ProxyUrls.httpUrlProblem(c.internalHost()) == null, "internal_host",
                    ProxyUrls.httpUrlProblem(c.internalHost()));
        }
        if (modeKnown && m.mode() == ProxyMode.PROXY && m.internalHost().isEmpty()) {
            v.error("internal_host", "Internal host cannot be empty when forward auth is disabled.");
        }
        if (c.cookieDomain() != null && !c.cookieDomain().isEmpty() && !ProxyUrls.validDomain(c.cookieDomain())) {
            v.error("cookie_domain", "Enter a domain name such as example.org (letters, digits, hyphens and dots).");
        } else if (modeKnown && m.mode() == ProxyMode.FORWARD_DOMAIN) {
            domainMode(v, m);
        }
        String skip = SkipPaths.problem(c.skipPathRegex());
        v.check(skip == null, "skip_path_regex", skip);
        if (m.basicAuthEnabled() && (m.basicAuthUserAttribute().isEmpty() || m.basicAuthPasswordAttribute().isEmpty())) {
            v.error("basic_auth_enabled", "User and password attributes must be set when basic auth is enabled.");
        }
        for (String[] t : new String[][] {{c.accessTokenValidity(), "access_token_validity"},
                {c.refreshTokenValidity(), "refresh_token_validity"}}) {
            if (t[0] != null && !Timedelta.valid(t[0])) {
                v.error(t[1], "Not a valid duration: use a timedelta such as \"hours=1\" or \"minutes=5\".");
            }
        }
    }

    /** Domain mode needs a cookie domain, and the external host (where the callback sets the cookie) under it. */
    private static void domainMode(Validation v, Settings m) {
        if (m.cookieDomain().isEmpty()) {
            v.error("cookie_domain", "Domain-level forward auth needs a cookie domain.");
        } else if (ProxyUrls.httpUrlProblem(m.externalHost()) == null
                && !ProxyUrls.underDomain(ProxyUrls.hostName(m.externalHost()), m.cookieDomain())) {
            v.error("cookie_domain", "The external host " + ProxyUrls.hostName(m.externalHost())
                    + " is not under the cookie domain " + m.cookieDomain() + ", so its cookie could not be set there.");
        }
    }

    /** The proxy settings as they will be stored (old or default values with the changes applied, normalised). */
    private record Settings(ProxyMode mode, String externalHost, String internalHost, boolean internalHostSslValidation,
                            String cookieDomain, String skipPathRegex, boolean basicAuthEnabled,
                            String basicAuthUserAttribute, String basicAuthPasswordAttribute,
                            boolean interceptHeaderAuth, String accessTokenValidity, String refreshTokenValidity) {
        static final Settings DEFAULTS = new Settings(ProxyMode.PROXY, "", "", true, "", "", false, "", "", true,
                DEFAULT_ACCESS_TOKEN_VALIDITY, "days=30");

        static Settings of(ProxyProvider p) {
            return new Settings(p.mode(), p.externalHost(), p.internalHost(), p.internalHostSslValidation(),
                    p.cookieDomain(), p.skipPathRegex(), p.basicAuthEnabled(), p.basicAuthUserAttribute(),
                    p.basicAuthPasswordAttribute(), p.interceptHeaderAuth(), p.oauth2().accessTokenValidity(),
                    p.oauth2().refreshTokenValidity());
        }

        Settings with(ProxyProviderChanges c) {
            return new Settings(c.mode() == null ? mode : ProxyMode.of(c.mode()).orElse(mode),
                    c.externalHost() == null ? externalHost : ProxyUrls.withoutTrailingSlash(c.externalHost().strip()),
                    c.internalHost() == null ? internalHost : ProxyUrls.withoutTrailingSlash(c.internalHost().strip()),
                    or(c.internalHostSslValidation(), internalHostSslValidation),
                    c.cookieDomain() == null ? cookieDomain : ProxyUrls.normaliseDomain(c.cookieDomain()),
                    or(c.skipPathRegex(), skipPathRegex), or(c.basicAuthEnabled(), basicAuthEnabled),
                    or(c.basicAuthUserAttribute(), basicAuthUserAttribute),
                    or(c.basicAuthPasswordAttribute(), basicAuthPasswordAttribute),
                    or(c.interceptHeaderAuth(), interceptHeaderAuth), or(c.accessTokenValidity(), accessTokenValidity),
                    or(c.refreshTokenValidity(), refreshTokenValidity));
        }

        ProxyProvider toProvider(OAuth2Provider o) {
            return new ProxyProvider(o, mode, externalHost, internalHost, internalHostSslValidation, cookieDomain,
                    skipPathRegex, basicAuthEnabled, basicAuthUserAttribute, basicAuthPasswordAttribute,
                    interceptHeaderAuth);
        }
    }
}
