package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.Provider;
import dev.gatehouse.core.ProviderService;
import dev.gatehouse.store.Database;
import dev.gatehouse.core.ProviderStore;
import java.util.UUID;

/** {@code providers/all/}: every provider whatever its kind (list, get, delete); kinds add their own resources. */
public final class ProvidersApi {
    private final Database db;
    private final ProviderService providers;

    public ProvidersApi(Database db, ProviderService providers) {
        this.db = db;
        this.providers = providers;
    }

    public record ProviderView(long pk, String name, String component, String metaModelName,
                               UUID authorizationFlow, UUID authenticationFlow, UUID invalidationFlow,
                               String assignedApplicationSlug, String assignedApplicationName) {
        static ProviderView of(Provider p) {
            return new ProviderView(p.pk(), p.name(), "ak-provider-" + p.kind() + "-form",
                    "authentik_providers_" + p.kind() + "." + p.kind() + "provider", p.authorizationFlow(),
                    p.authenticationFlow(), p.invalidationFlow(), null, null);
        }
    }

    public void register(Routes r) {
        r.list("providers/all/", Access.SUPERUSER, "providers_all_list", "List providers of every kind",
                        ProviderView.class, ProviderStore.LISTING.filterNames(), this::list)
                .op("GET", "providers/all/{pk}/", Access.SUPERUSER, "providers_all_retrieve", "Get a provider",
                        null, ProviderView.class, req -> ApiResponse.ok(view(find(req))))
                .op("DELETE", "providers/all/{pk}/", Access.SUPERUSER, "providers_all_destroy", "Delete a provider",
                        null, null, req -> {
                            providers.delete(req.actor(), find(req).pk());
                            return ApiResponse.noContent();
                        });
    }

    private ApiResponse list(ApiRequest req) {
        return ApiResponse.ok(Pagination.envelope(new ProviderStore(db.dsl()).list(req.pageRequest()).map(this::view)));
    }

    private Provider find(ApiRequest req) {
        return new ProviderStore(db.dsl()).byPk(req.pathLong("pk")).orElseThrow(NotFoundException::new);
    }

    private ProviderView view(Provider p) {
        ProviderView v = ProviderView.of(p);
        return new ApplicationStore(db.dsl()).byProvider(p.pk())
                .map(a -> new ProviderView(v.pk(), v.name(), v.component(), v.metaModelName(), v.authorizationFlow(),
                        v.authenticationFlow(), v.invalidationFlow(), a.slug(), a.name()))
                .orElse(v);
    }
}
