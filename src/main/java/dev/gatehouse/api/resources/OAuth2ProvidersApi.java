package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.NotFoundException;
import dev.gatehouse.core.ProviderService;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.OAuth2ProviderChanges;
import dev.gatehouse.provider.oauth2.OAuth2ProviderService;
import dev.gatehouse.provider.oauth2.RedirectUri;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.store.ProviderStore;
import dev.gatehouse.store.Stores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

    public record OAuth2ProviderRequest(String name, UUID authorizationFlow, UUID authenticationFlow,
                                        UUID invalidationFlow, List<UUID> propertyMappings, String clientType,
                                        String clientId, String clientSecret, String accessCodeValidity,
                                        String accessTokenValidity, String refreshTokenValidity,
                                        Boolean includeClaimsInIdToken, UUID signingKey,
                                        List<RedirectUriView> redirectUris, String subMode, String issuerMode) {
    }

    public void register(Routes r) {
        r.list("providers/oauth2/", Access.SUPERUSER, "providers_oauth2_list", "List OAuth2 providers",
                        OAuth2ProviderView.class, ProviderStore.LISTING.filterNames(), this::list)
                .op("POST", "providers/oauth2/", Access.SUPERUSER, "providers_oauth2_create",
                        "Create an OAuth2 provider", OAuth2ProviderRequest.class, OAuth2ProviderView.class,
                        req -> ApiResponse.created(view(providers.create(req.actor(), changes(req.body(), true)))))
                .op("GET", "providers/oauth2/{pk}/", Access.SUPERUSER, "providers_oauth2_retrieve",
                        "Get an OAuth2 provider", null, OAuth2ProviderView.class, req -> ApiResponse.ok(view(find(req))))
                .op("PUT", "providers/oauth2/{pk}/", Access.SUPERUSER, "providers_oauth2_update",
                        "Replace an OAuth2 provider", OAuth2ProviderRequest.class, OAuth2ProviderView.class,
                        req -> update(req, true))
                .op("PATCH", "providers/oauth2/{pk}/", Access.SUPERUSER, "providers_oauth2_partial_update",
                        "Change an OAuth2 provider", OAuth2ProviderRequest.class, OAuth2ProviderView.class,
                        req -> update(req, false))
                .op("DELETE", "providers/oauth2/{pk}/", Access.SUPERUSER, "providers_oauth2_destroy",
                        "Delete an OAuth2 provider", null, null, req -> {
                            common.delete(req.actor(), find(req).pk());
                            return ApiResponse.noContent();
                        });
    }

    private ApiResponse list(ApiRequest req) {
        Stores s = Stores.on(db.dsl());
        PageRequest page = req.pageRequest();
        Map<String, String> filters = new LinkedHashMap<>(page.filters());
        filters.put("kind", OAuth2ProviderService.KIND);
        PageRequest oauth2Only = new PageRequest(page.page(), page.pageSize(), page.search(), page.ordering(), filters);
        return ApiResponse.ok(Pagination.envelope(s.providers().list(oauth2Only)
                .map(p -> view(s.oauth2Providers().of(p).orElseThrow()))));
    }

    private OAuth2Provider find(ApiRequest req) {
        return Stores.on(db.dsl()).oauth2Providers().byPk(req.pathLong("pk"))
                .filter(o -> o.provider().kind().equals(OAuth2ProviderService.KIND)).orElseThrow(NotFoundException::new);
    }

    private ApiResponse update(ApiRequest req, boolean full) {
        OAuth2Provider p = find(req);
        return ApiResponse.ok(view(providers.update(req.actor(), p.pk(), changes(req.body(), full))));
    }

    private OAuth2ProviderView view(OAuth2Provider o) {
        var app = Stores.on(db.dsl()).applications().byProvider(o.pk());
        return new OAuth2ProviderView(o.pk(), o.provider().name(), o.provider().authorizationFlow(),
                o.provider().authenticationFlow(), o.provider().invalidationFlow(), o.propertyMappings(),
                "ak-provider-oauth2-form", app.map(a -> a.slug()).orElse(null), app.map(a -> a.name()).orElse(null),
                "OAuth2/OpenID Provider", "authentik_providers_oauth2.oauth2provider", o.clientType(), o.clientId(),
                o.clientSecret(), o.accessCodeValidity(), o.accessTokenValidity(), o.refreshTokenValidity(),
                o.includeClaimsInIdToken(), o.signingKey(),
                o.redirectUris().stream().map(u -> new RedirectUriView(u.matchingMode(), u.url(), u.type())).toList(),
                o.subMode(), o.issuerMode());
    }

    private static OAuth2ProviderChanges changes(Body b, boolean full) {
        if (full) {
            b.require("name", "authorization_flow");
        }
        OAuth2ProviderChanges c = new OAuth2ProviderChanges(b.string("name"), b.uuid("authorization_flow"),
                b.optionalUuid("authentication_flow"), b.uuid("invalidation_flow"), b.string("client_type"),
                b.string("client_id"), b.string("client_secret"), redirectUris(b), b.optionalUuid("signing_key"),
                b.string("access_code_validity"), b.string("access_token_validity"),
                b.string("refresh_token_validity"), b.string("sub_mode"), b.bool("include_claims_in_id_token"),
                b.string("issuer_mode"), b.uuids("property_mappings"));
        b.finish();
        return c;
    }

    private static List<RedirectUri> redirectUris(Body b) {
        List<Map<String, Object>> items = b.objects("redirect_uris");
        if (items == null) {
            return null;
        }
        List<RedirectUri> out = new ArrayList<>();
        for (Map<String, Object> item : items) {
            if (!(item.get("url") instanceof String url)) {
                b.invalid("redirect_uris", "Each redirect URI needs a url string.");
                return null;
            }
            out.add(new RedirectUri(text(item.get("matching_mode"), "strict"), url,
                    text(item.get("redirect_uri_type"), "authorization")));
        }
        return out;
    }

    private static String text(Object value, String fallback) {
        return value == null ? fallback : String.valueOf(value);
    }
}
