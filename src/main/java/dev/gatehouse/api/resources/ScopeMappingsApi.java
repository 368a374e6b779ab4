package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.NotFoundException;
import dev.gatehouse.provider.oauth2.scope.ScopeMapping;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingService;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.ScopeMappingStore;
import dev.gatehouse.store.Stores;
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

    public record ScopeMappingRequest(String name, String expression, String scopeName, String description) {
    }

    public void register(Routes r) {
        r.list(PATH, Access.SUPERUSER, "propertymappings_provider_scope_list", "List scope mappings",
                        ScopeMappingView.class, ScopeMappingStore.LISTING.filterNames(),
                        req -> ApiResponse.ok(Pagination.envelope(Stores.on(db.dsl()).scopeMappings()
                                .list(req.pageRequest()).map(ScopeMappingView::of))))
                .op("POST", PATH, Access.SUPERUSER, "propertymappings_provider_scope_create", "Create a scope mapping",
                        ScopeMappingRequest.class, ScopeMappingView.class,
                        req -> ApiResponse.created(ScopeMappingView.of(mappings.create(req.actor(), changes(req.body(), true)))))
                .op("GET", PATH + "{pk}/", Access.SUPERUSER, "propertymappings_provider_scope_retrieve",
                        "Get a scope mapping", null, ScopeMappingView.class, req -> ApiResponse.ok(ScopeMappingView.of(find(req))))
                .op("PUT", PATH + "{pk}/", Access.SUPERUSER, "propertymappings_provider_scope_update",
                        "Replace a scope mapping", ScopeMappingRequest.class, ScopeMappingView.class,
                        req -> ApiResponse.ok(ScopeMappingView.of(mappings.update(req.actor(), find(req).pk(),
                                changes(req.body(), true)))))
                .op("PATCH", PATH + "{pk}/", Access.SUPERUSER, "propertymappings_provider_scope_partial_update",
                        "Change a scope mapping", ScopeMappingRequest.class, ScopeMappingView.class,
                        req -> ApiResponse.ok(ScopeMappingView.of(mappings.update(req.actor(), find(req).pk(),
                                changes(req.body(), false)))))
                .op("DELETE", PATH + "{pk}/", Access.SUPERUSER, "propertymappings_provider_scope_destroy",
                        "Delete a scope mapping", null, null, req -> {
                            mappings.delete(req.actor(), find(req).pk());
                            return ApiResponse.noContent();
                        });
    }

    private ScopeMapping find(ApiRequest req) {
        UUID pk;
        try {
            pk = UUID.fromString(req.path("pk"));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
        return Stores.on(db.dsl()).scopeMappings().byPk(pk).orElseThrow(NotFoundException::new);
    }

    private static ScopeMappingService.Changes changes(Body b, boolean full) {
        if (full) {
            b.require("name", "scope_name", "expression");
        }
        ScopeMappingService.Changes c = new ScopeMappingService.Changes(b.string("name"), b.string("scope_name"),
                b.string("description"), b.string("expression"));
        b.finish();
        return c;
    }
}
