package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.definition.Write;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.provider.oauth2.scope.ScopeMapping;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingService;
import dev.gatehouse.store.Database;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingStore;
import java.util.UUID;

/** {@code propertymappings/provider/scope/}: the OAuth2 scope mappings (CEL), authentik's shape. */
public final class ScopeMappingsApi {
    private static final String PATH = "propertymappings/provider/scope/";
    private final Database db;
    private final ScopeMappingService mappings;

    public ScopeMappingsApi(Database db, ScopeMappingService mappings) {
        this.db = db;
        this.mappings = mappings;
    }

    public record ScopeMappingView(UUID pk, String managed, String name, String expression, String component,
                                   String verboseName, String metaModelName, String scopeName, String description) {
        static ScopeMappingView of(ScopeMapping m) {
            return new ScopeMappingView(m.pk(), m.managed(), m.name(), m.expression(), "ak-property-mapping-provider-scope-form",
                    "Scope Mapping", "authentik_providers_oauth2.scopemapping", m.scopeName(), m.description());
        }
    }

    public void register(Routes r) {
        r.crud(PATH, "pk", "propertymappings_provider_scope", "scope mapping", ScopeMappingService.Changes.DEFINITION,
                ScopeMappingView.class, ScopeMappingStore.LISTING.filterNames(), new Routes.Crud(
                        req -> ApiResponse.ok(Pagination.envelope(new ScopeMappingStore(db.dsl())
                                .list(req.pageRequest()).map(ScopeMappingView::of))),
                        req -> ScopeMappingView.of(mappings.create(req.actor(),
                                req.body().read(ScopeMappingService.Changes.DEFINITION, Write.CREATE))),
                        req -> ScopeMappingView.of(find(req)),
                        (req, write) -> ScopeMappingView.of(mappings.update(req.actor(), find(req).pk(),
                                req.body().read(ScopeMappingService.Changes.DEFINITION, write))),
                        req -> {
                            mappings.delete(req.actor(), find(req).pk());
                            return null;
                        }));
    }

    private ScopeMapping find(ApiRequest req) {
        return new ScopeMappingStore(db.dsl()).byPk(req.pathUuid("pk")).orElseThrow(NotFoundException::new);
    }
}
