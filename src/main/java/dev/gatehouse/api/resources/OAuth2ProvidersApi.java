package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.definition.Write;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.ProviderService;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.OAuth2ProviderChanges;
import dev.gatehouse.provider.oauth2.OAuth2ProviderService;
import dev.gatehouse.provider.oauth2.OAuth2ProviderStore;
import dev.gatehouse.provider.oauth2.RedirectUri;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.core.ProviderStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/** {@code providers/oauth2/}: CRUD of OAuth2 / OpenID Connect providers in authentik's shape. */
public final class OAuth2ProvidersApi {
    private final Database db;
    private final OAuth2ProviderService providers;
    private final ProviderService common;

    public OAuth2ProvidersApi(Database db, OAuth2ProviderService providers, ProviderService common) {
        this.db = db;
        this.providers = providers;
        this.common = common;
    }

    public record RedirectUriView(String matchingMode, String url, String redirectUriType) {
    }

    public record OAuth2ProviderView(long pk, String name, UUID authorizationFlow, UUID authenticationFlow,
                                     UUID invalidationFlow, List<UUID> propertyMappings, String component,
                                     String assignedApplicationSlug, String assignedApplicationName,
                                     String verboseName, String metaModelName, String clientType, String clientId,
                                     String clientSecret, String accessCodeValidity, String accessTokenValidity,
                                     String refreshTokenValidity, boolean includeClaimsInIdToken, UUID signingKey,
                                     List<RedirectUriView> redirectUris, String subMode, String issuerMode) {
    }

    public void register(Routes r) {
        r.crud("providers/oauth2/", "pk", "providers_oauth2", "OAuth2 provider", OAuth2ProviderChanges.DEFINITION, OAuth2ProviderView.class,
                ProviderStore.LISTING.filterNames(), new Routes.Crud(this::list,
                        req -> view(providers.create(req.actor(), req.body().read(OAuth2ProviderChanges.DEFINITION, Write.CREATE))),
                        req -> view(find(req)),
                        (req, write) -> view(providers.update(req.actor(), find(req).pk(),
                                req.body().read(OAuth2ProviderChanges.DEFINITION, write))),
                        req -> {
                            common.delete(req.actor(), find(req).pk());
                            return null;
                        }));
    }

    private ApiResponse list(ApiRequest req) {
        DSLContext dsl = db.dsl();
        PageRequest page = req.pageRequest();
        Map<String, String> filters = new LinkedHashMap<>(page.filters());
        filters.put("kind", OAuth2ProviderService.KIND);
        PageRequest oauth2Only = new PageRequest(page.page(), page.pageSize(), page.search(), page.ordering(), filters);
        return ApiResponse.ok(Pagination.envelope(new ProviderStore(dsl).list(oauth2Only)
                .map(p -> view(new OAuth2ProviderStore(dsl).of(p).orElseThrow()))));
    }

    private OAuth2Provider find(ApiRequest req) {
        return new OAuth2ProviderStore(db.dsl()).byPk(req.pathLong("pk"))
                .filter(o -> o.provider().kind().equals(OAuth2ProviderService.KIND)).orElseThrow(NotFoundException::new);
    }

    private OAuth2ProviderView view(OAuth2Provider o) {
        var app = new ApplicationStore(db.dsl()).byProvider(o.pk());
        return new OAuth2ProviderView(o.pk(), o.provider().name(), o.provider().authorizationFlow(),
                o.provider().authenticationFlow(), o.provider().invalidationFlow(), o.propertyMappings(),
                "ak-provider-oauth2-form", app.map(a -> a.slug()).orElse(null), app.map(a -> a.name()).orElse(null),
                "OAuth2/OpenID Provider", "authentik_providers_oauth2.oauth2provider", o.clientType(), o.clientId(),
                o.clientSecret(), o.accessCodeValidity(), o.accessTokenValidity(), o.refreshTokenValidity(),
                o.includeClaimsInIdToken(), o.signingKey(),
                o.redirectUris().stream().map(u -> new RedirectUriView(u.matchingMode(), u.url(), u.type())).toList(),
                o.subMode(), o.issuerMode());
    }
}
