package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.definition.Write;
import dev.gatehouse.api.resources.OAuth2ProvidersApi.RedirectUriView;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.ProviderService;
import dev.gatehouse.outpost.Outpost;
import dev.gatehouse.outpost.OutpostStore;
import dev.gatehouse.provider.proxy.ProxyProvider;
import dev.gatehouse.provider.proxy.ProxyProviderChanges;
import dev.gatehouse.provider.proxy.ProxyProviderService;
import dev.gatehouse.store.Database;
import dev.gatehouse.provider.proxy.ProxyProviderStore;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

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

    public void register(Routes r) {
        r.crud("providers/proxy/", "pk", "providers_proxy", "proxy provider", ProxyProviderChanges.DEFINITION, ProxyProviderView.class,
                ProxyProviderStore.LISTING.filterNames(), new Routes.Crud(this::list,
                        req -> view(providers.create(req.actor(), req.body().read(ProxyProviderChanges.DEFINITION, Write.CREATE))),
                        req -> view(find(req)),
                        (req, write) -> view(providers.update(req.actor(), find(req).pk(),
                                req.body().read(ProxyProviderChanges.DEFINITION, write))),
                        req -> {
                            common.delete(req.actor(), find(req).pk());
                            return null;
                        }));
    }

    private ApiResponse list(ApiRequest req) {
        DSLContext dsl = db.dsl();
        return ApiResponse.ok(Pagination.envelope(new ProxyProviderStore(dsl).list(req.pageRequest())
                .map(p -> view(new ProxyProviderStore(dsl).byPk(p.pk()).orElseThrow()))));
    }

    private ProxyProvider find(ApiRequest req) {
        return new ProxyProviderStore(db.dsl()).byPk(req.pathLong("pk")).orElseThrow(NotFoundException::new);
    }

    private ProxyProviderView view(ProxyProvider p) {
        DSLContext dsl = db.dsl();
        var app = new ApplicationStore(dsl).byProvider(p.pk());
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
                new OutpostStore(dsl).serving(p.pk()).stream().map(Outpost::pk).toList());
    }
}
