package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.definition.Write;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowChanges;
import dev.gatehouse.flow.FlowService;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.store.Database;
import dev.gatehouse.flow.FlowStore;
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

    public void register(Routes r) {
        r.crud(PATH, "slug", "flows_instances", "flow", FlowChanges.DEFINITION, FlowView.class,
                FlowStore.LISTING.filterNames(), new Routes.Crud(this::list,
                        req -> view(flows.create(req.actor(), req.body().read(FlowChanges.DEFINITION, Write.CREATE))),
                        req -> view(find(req)),
                        (req, write) -> view(flows.update(req.actor(), find(req).pk(),
                                req.body().read(FlowChanges.DEFINITION, write))),
                        req -> {
                            flows.delete(req.actor(), find(req).pk());
                            return null;
                        }));
    }

    private ApiResponse list(ApiRequest req) {
        return ApiResponse.ok(Pagination.envelope(new FlowStore(db.dsl()).list(req.pageRequest()).map(this::view)));
    }

    private Flow find(ApiRequest req) {
        return new FlowStore(db.dsl()).bySlug(req.path("slug")).orElseThrow(NotFoundException::new);
    }

    FlowView view(Flow f) {
        List<UUID> stages = new FlowBindingStore(db.dsl()).ofFlow(f.pk()).stream()
                .map(FlowStageBinding::stage).toList();
        return new FlowView(f.pk(), f.pk(), f.name(), f.slug(), f.title(), f.designation(), f.background(), stages,
                f.policyEngineMode(), f.compatibilityMode(), f.layout(), f.deniedAction(), f.authentication());
    }
}
