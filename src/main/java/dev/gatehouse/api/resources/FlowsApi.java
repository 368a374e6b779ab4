package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.NotFoundException;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowChanges;
import dev.gatehouse.flow.FlowService;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.FlowStore;
import dev.gatehouse.store.Stores;
import java.util.List;
import java.util.UUID;

/** {@code flows/instances/}: CRUD addressed by slug. */
public final class FlowsApi {
    private static final String PATH = "flows/instances/";
    private final Database db;
    private final FlowService flows;

    public FlowsApi(Database db, FlowService flows) {
        this.db = db;
        this.flows = flows;
    }

    public record FlowView(UUID pk, UUID policybindingmodelPtrId, String name, String slug, String title,
                           String designation, String background, List<UUID> stages, String policyEngineMode,
                           boolean compatibilityMode, String layout, String deniedAction, String authentication) {
    }

    public record FlowRequest(String name, String slug, String title, String designation, String background,
                              String policyEngineMode, Boolean compatibilityMode, String layout, String deniedAction,
                              String authentication) {
    }

    public void register(Routes r) {
        r.list(PATH, Access.SUPERUSER, "flows_instances_list", "List flows", FlowView.class,
                        FlowStore.LISTING.filterNames(), this::list)
                .op("POST", PATH, Access.SUPERUSER, "flows_instances_create", "Create a flow", FlowRequest.class,
                        FlowView.class, req -> ApiResponse.created(view(flows.create(req.actor(), changes(req.body(), true)))))
                .op("GET", PATH + "{slug}/", Access.SUPERUSER, "flows_instances_retrieve", "Get a flow", null,
                        FlowView.class, req -> ApiResponse.ok(view(find(req))))
                .op("PUT", PATH + "{slug}/", Access.SUPERUSER, "flows_instances_update", "Replace a flow",
                        FlowRequest.class, FlowView.class, req -> update(req, true))
                .op("PATCH", PATH + "{slug}/", Access.SUPERUSER, "flows_instances_partial_update", "Change a flow",
                        FlowRequest.class, FlowView.class, req -> update(req, false))
                .op("DELETE", PATH + "{slug}/", Access.SUPERUSER, "flows_instances_destroy", "Delete a flow",
                        null, null, req -> {
                            flows.delete(req.actor(), find(req).pk());
                            return ApiResponse.noContent();
                        });
    }

    private ApiResponse list(ApiRequest req) {
        return ApiResponse.ok(Pagination.envelope(Stores.on(db.dsl()).flows().list(req.pageRequest()).map(this::view)));
    }

    private Flow find(ApiRequest req) {
        return Stores.on(db.dsl()).flows().bySlug(req.path("slug")).orElseThrow(NotFoundException::new);
    }

    private ApiResponse update(ApiRequest req, boolean full) {
        return ApiResponse.ok(view(flows.update(req.actor(), find(req).pk(), changes(req.body(), full))));
    }

    private FlowView view(Flow f) {
        List<UUID> stages = Stores.on(db.dsl()).flowBindings().ofFlow(f.pk()).stream()
                .map(FlowStageBinding::stage).toList();
        return new FlowView(f.pk(), f.pk(), f.name(), f.slug(), f.title(), f.designation(), f.background(), stages,
                f.policyEngineMode(), f.compatibilityMode(), f.layout(), f.deniedAction(), f.authentication());
    }

    private static FlowChanges changes(Body b, boolean requireAll) {
        if (requireAll) {
            b.require("name", "slug", "title", "designation");
        }
        FlowChanges c = new FlowChanges(b.string("slug"), b.string("name"), b.string("title"), b.string("designation"),
                b.string("authentication"), b.string("denied_action"), b.string("layout"),
                b.string("policy_engine_mode"), b.bool("compatibility_mode"), b.string("background"));
        b.finish();
        return c;
    }
}
