package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.definition.Write;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.flow.FlowBindingChanges;
import dev.gatehouse.flow.FlowBindingService;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.store.Database;
import dev.gatehouse.flow.FlowBindingStore;
import java.util.UUID;

/** {@code flows/bindings/}: flow-stage bindings, CRUD by pk. */
public final class FlowBindingsApi {
    private static final String PATH = "flows/bindings/";
    private final Database db;
    private final FlowBindingService bindings;

    public FlowBindingsApi(Database db, FlowBindingService bindings) {
        this.db = db;
        this.bindings = bindings;
    }

    public record FlowBindingView(UUID pk, UUID policybindingmodelPtrId, UUID target, UUID stage,
                                  boolean evaluateOnPlan, boolean reEvaluatePolicies, int order,
                                  String policyEngineMode, String invalidResponseAction) {
        static FlowBindingView of(FlowStageBinding b) {
            return new FlowBindingView(b.pk(), b.pk(), b.target(), b.stage(), b.evaluateOnPlan(),
                    b.reEvaluatePolicies(), b.order(), b.policyEngineMode(), b.invalidResponseAction());
        }
    }

    public void register(Routes r) {
        r.crud(PATH, "pk", "flows_bindings", "flow-stage binding", FlowBindingChanges.DEFINITION,
                FlowBindingView.class, FlowBindingStore.LISTING.filterNames(), new Routes.Crud(
                        req -> ApiResponse.ok(Pagination.envelope(
                                new FlowBindingStore(db.dsl()).list(req.pageRequest()).map(FlowBindingView::of))),
                        req -> FlowBindingView.of(bindings.create(req.actor(),
                                req.body().read(FlowBindingChanges.DEFINITION, Write.CREATE))),
                        req -> FlowBindingView.of(find(req)),
                        (req, write) -> FlowBindingView.of(bindings.update(req.actor(), find(req).pk(),
                                req.body().read(FlowBindingChanges.DEFINITION, write))),
                        req -> {
                            bindings.delete(req.actor(), find(req).pk());
                            return null;
                        }));
    }

    private FlowStageBinding find(ApiRequest req) {
        return new FlowBindingStore(db.dsl()).byPk(req.pathUuid("pk")).orElseThrow(NotFoundException::new);
    }
}
