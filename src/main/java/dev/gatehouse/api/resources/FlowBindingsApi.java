package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.NotFoundException;
import dev.gatehouse.flow.FlowBindingChanges;
import dev.gatehouse.flow.FlowBindingService;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.FlowBindingStore;
import dev.gatehouse.store.Stores;
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

    public record FlowBindingRequest(UUID target, UUID stage, Boolean evaluateOnPlan, Boolean reEvaluatePolicies,
                                     Integer order, String policyEngineMode, String invalidResponseAction) {
    }

    public void register(Routes r) {
        r.list(PATH, Access.SUPERUSER, "flows_bindings_list", "List flow-stage bindings", FlowBindingView.class,
                        FlowBindingStore.LISTING.filterNames(), req -> ApiResponse.ok(Pagination.envelope(
                                Stores.on(db.dsl()).flowBindings().list(req.pageRequest()).map(FlowBindingView::of))))
                .op("POST", PATH, Access.SUPERUSER, "flows_bindings_create", "Bind a stage to a flow",
                        FlowBindingRequest.class, FlowBindingView.class, req -> ApiResponse.created(
                                FlowBindingView.of(bindings.create(req.actor(), changes(req.body(), true)))))
                .op("GET", PATH + "{pk}/", Access.SUPERUSER, "flows_bindings_retrieve", "Get a flow-stage binding",
                        null, FlowBindingView.class, req -> ApiResponse.ok(FlowBindingView.of(find(req))))
                .op("PUT", PATH + "{pk}/", Access.SUPERUSER, "flows_bindings_update", "Replace a flow-stage binding",
                        FlowBindingRequest.class, FlowBindingView.class, req -> update(req, true))
                .op("PATCH", PATH + "{pk}/", Access.SUPERUSER, "flows_bindings_partial_update",
                        "Change a flow-stage binding", FlowBindingRequest.class, FlowBindingView.class,
                        req -> update(req, false))
                .op("DELETE", PATH + "{pk}/", Access.SUPERUSER, "flows_bindings_destroy", "Delete a flow-stage binding",
                        null, null, req -> {
                            bindings.delete(req.actor(), find(req).pk());
                            return ApiResponse.noContent();
                        });
    }

    private FlowStageBinding find(ApiRequest req) {
        return Stores.on(db.dsl()).flowBindings().byPk(req.pathUuid("pk")).orElseThrow(NotFoundException::new);
    }

    private ApiResponse update(ApiRequest req, boolean full) {
        FlowStageBinding b = find(req);
        return ApiResponse.ok(FlowBindingView.of(bindings.update(req.actor(), b.pk(), changes(req.body(), full))));
    }

    private static FlowBindingChanges changes(Body b, boolean requireAll) {
        if (requireAll) {
            b.require("target", "stage", "order");
        }
        FlowBindingChanges c = new FlowBindingChanges(b.uuid("target"), b.uuid("stage"), b.int32("order"),
                b.bool("evaluate_on_plan"), b.bool("re_evaluate_policies"), b.string("invalid_response_action"),
                b.string("policy_engine_mode"));
        b.finish();
        return c;
    }
}
