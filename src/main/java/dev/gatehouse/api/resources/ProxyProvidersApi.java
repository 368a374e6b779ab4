package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.api.resources.OAuth2ProvidersApi.RedirectUriView;
import dev.gatehouse.core.NotFoundException;
import dev.gatehouse.core.ProviderService;
import dev.gatehouse.outpost.Outpost;
import dev.gatehouse.provider.proxy.ProxyProvider;
import dev.gatehouse.provider.proxy.ProxyProviderChanges;
import dev.gatehouse.provider.proxy.ProxyProviderService;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.ProxyProviderStore;
import dev.gatehouse.store.Stores;
import java.util.List;
import java.util.UUID;

/**
 * {@code providers/proxy/}: CRUD of proxy providers in authentik's shape. {@code client_id} and
 * {@code redirect_uris} are read-only (the provider is an OAuth2 client whose registration follows its
 * external host); the client secret never leaves the server. {@code outpost_set} lists the outposts serving
 * the provider and, when written, names them.
 */
public final class ProxyProvidersApi {
    private final Database db;
    private final ProxyProviderService providers;
    private final ProviderService common;

    public ProxyProvidersApi(Database db, ProxyProviderService providers, ProviderService common) {
        this.db = db;
        this.providers = providers;
        this.common = common;
    }

    public record ProxyProviderView(long pk, String name, UUID authenticationFlow, UUID authorizationFlow,
                                    UUID invalidationFlow, List<UUID> propertyMappings, String component,
                                    String assignedApplicationSlug, String assignedApplicationName,
                                    String verboseName, String verboseNamePlural, String metaModelName,
                                    String clientId, String internalHost, String externalHost,
                                    boolean internalHostSslValidation, UUID certificate, String skipPathRegex,
                                    boolean basicAuthEnabled, String basicAuthPasswordAttribute,
                                    String basicAuthUserAttribute, String mode, boolean interceptHeaderAuth,
                                    List<RedirectUriView> redirectUris, String cookieDomain,
                                    List<String> jwtFederationSources, List<Long> jwtFederationProviders,
                                    String accessTokenValidity, String refreshTokenValidity, List<UUID> outpostSet) {
    }

    public record ProxyProviderRequest(String name, UUID authorizationFlow, UUID authenticationFlow,
                                       UUID invalidationFlow, List<UUID> propertyMappings, String mode,
                                       String externalHost, String internalHost, Boolean internalHostSslValidation,
                                       String cookieDomain, String skipPathRegex, Boolean basicAuthEnabled,
                                       String basicAuthUserAttribute, String basicAuthPasswordAttribute,
                                       Boolean interceptHeaderAuth, String accessTokenValidity,
                                       String refreshTokenValidity, List<UUID> outpostSet) {
    }

    public void register(Routes r) {
        r.list("providers/proxy/", Access.SUPERUSER, "providers_proxy_list", "List proxy providers",
                        ProxyProviderView.class, ProxyProviderStore.LISTING.filterNames(), this::list)
                .op("POST", "providers/proxy/", Access.SUPERUSER, "providers_proxy_create", "Create a proxy provider",
                        ProxyProviderRequest.class, ProxyProviderView.class,
                        req -> ApiResponse.created(view(providers.create(req.actor(), changes(req.body(), true)))))
                .op("GET", "providers/proxy/{pk}/", Access.SUPERUSER, "providers_proxy_retrieve",
                        "Get a proxy provider", null, ProxyProviderView.class, req -> ApiResponse.ok(view(find(req))))
                .op("PUT", "providers/proxy/{pk}/", Access.SUPERUSER, "providers_proxy_update",
                        "Replace a proxy provider", ProxyProviderRequest.class, ProxyProviderView.class,
                        req -> update(req, true))
                .op("PATCH", "providers/proxy/{pk}/", Access.SUPERUSER, "providers_proxy_partial_update",
                        "Change a proxy provider", ProxyProviderRequest.class, ProxyProviderView.class,
                        req -> update(req, false))
                .op("DELETE", "providers/proxy/{pk}/", Access.SUPERUSER, "providers_proxy_destroy",
                        "Delete a proxy provider", null, null, req -> {
                            common.delete(req.actor(), find(req).pk());
                            return ApiResponse.noContent();
                        });
    }

    private ApiResponse list(ApiRequest req) {
        Stores s = Stores.on(db.dsl());
        return ApiResponse.ok(Pagination.envelope(s.proxyProviders().list(req.pageRequest())
                .map(p -> view(s.proxyProviders().byPk(p.pk()).orElseThrow()))));
    }

    private ProxyProvider find(ApiRequest req) {
        return Stores.on(db.dsl()).proxyProviders().byPk(req.pathLong("pk")).orElseThrow(NotFoundException::new);
    }

    private ApiResponse update(ApiRequest req, boolean full) {
        ProxyProvider p = find(req);
        return ApiResponse.ok(view(providers.update(req.actor(), p.pk(), changes(req.body(), full))));
    }

    private ProxyProviderView view(ProxyProvider p) {
        Stores s = Stores.on(db.dsl());
        var app = s.applications().byProvider(p.pk());
        var o = p.oauth2();
        return new ProxyProviderView(p.pk(), p.name(), p.provider().authenticationFlow(),
                p.provider().authorizationFlow(), p.provider().invalidationFlow(), o.propertyMappings(),
                "ak-provider-proxy-form", app.map(a -> a.slug()).orElse(null), app.map(a -> a.name()).orElse(null),
                "Proxy Provider", "Proxy Providers", "authentik_providers_proxy.proxyprovider", o.clientId(),
                p.internalHost(), p.externalHost(), p.internalHostSslValidation(), null, p.skipPathRegex(),
                p.basicAuthEnabled(), p.basicAuthPasswordAttribute(), p.basicAuthUserAttribute(), p.mode().wire(),
                p.interceptHeaderAuth(),
                o.redirectUris().stream().map(u -> new RedirectUriView(u.matchingMode(), u.url(), u.type())).toList(),
                p.cookieDomain(), List.of(), List.of(), o.accessTokenValidity(), o.refreshTokenValidity(),
                s.outposts().serving(p.pk()).stream().map(Outpost::pk).toList());
    }

    private static ProxyProviderChanges changes(Body b, boolean full) {
        if (full) {
            b.require("name", "authorization_flow", "external_host");
        }
        ProxyProviderChanges c = new ProxyProviderChanges(b.string("name"), b.uuid("authorization_flow"),
                b.optionalUuid("authentication_flow"), b.uuid("invalidation_flow"), b.uuids("property_mappings"),
                b.string("mode"), b.string("external_host"), b.string("internal_host"),
                b.bool("internal_host_ssl_validation"), b.string("cookie_domain"), b.string("skip_path_regex"),
                b.bool("basic_auth_enabled"), b.string("basic_auth_user_attribute"),
                b.string("basic_auth_password_attribute"), b.bool("intercept_header_auth"),
                b.string("access_token_validity"), b.string("refresh_token_validity"), b.uuids("outpost_set"));
        b.finish();
        return c;
    }
}
