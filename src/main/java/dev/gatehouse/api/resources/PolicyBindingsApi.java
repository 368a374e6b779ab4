package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.NotFoundException;
import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.policy.PolicyBindingChanges;
import dev.gatehouse.policy.PolicyBindingService;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PolicyBindingStore;
import dev.gatehouse.store.Stores;
import java.util.UUID;

/** {@code policies/bindings/}: CRUD by pk; the target is a flow, a flow-stage binding or an application pk. */
public final class PolicyBindingsApi {
    private static final String PATH = "policies/bindings/";
    private final Database db;
    private final PolicyBindingService bindings;

    public PolicyBindingsApi(Database db, PolicyBindingService bindings) {
        this.db = db;
        this.bindings = bindings;
    }

    public record PolicyBindingView(UUID pk, UUID target, String targetKind, UUID policy, UUID group, Long user,
                                    boolean negate, boolean enabled, int order, int timeout, boolean failureResult) {
        static PolicyBindingView of(PolicyBinding b) {
            return new PolicyBindingView(b.pk(), b.target(), b.targetKind().name().toLowerCase(java.util.Locale.ROOT),
                    b.policy(), b.group(), b.user(), b.negate(), b.enabled(), b.order(), b.timeout(), b.failureResult());
        }
    }

    public record PolicyBindingRequest(UUID target, UUID policy, UUID group, Long user, Boolean negate,
                                       Boolean enabled, Integer order, Integer timeout, Boolean failureResult) {
    }

    public void register(Routes r) {
        r.list(PATH, Access.SUPERUSER, "policies_bindings_list", "List policy bindings", PolicyBindingView.class,
                        PolicyBindingStore.LISTING.filterNames(), req -> ApiResponse.ok(Pagination.envelope(
                                Stores.on(db.dsl()).policyBindings().list(req.pageRequest()).map(PolicyBindingView::of))))
                .op("POST", PATH, Access.SUPERUSER, "policies_bindings_create", "Create a policy binding",
                        PolicyBindingRequest.class, PolicyBindingView.class, req -> ApiResponse.created(
                                PolicyBindingView.of(bindings.create(req.actor(), changes(req.body(), true)))))
                .op("GET", PATH + "{pk}/", Access.SUPERUSER, "policies_bindings_retrieve", "Get a policy binding",
                        null, PolicyBindingView.class, req -> ApiResponse.ok(PolicyBindingView.of(find(req))))
                .op("PUT", PATH + "{pk}/", Access.SUPERUSER, "policies_bindings_update", "Replace a policy binding",
                        PolicyBindingRequest.class, PolicyBindingView.class, req -> update(req, true))
                .op("PATCH", PATH + "{pk}/", Access.SUPERUSER, "policies_bindings_partial_update",
                        "Change a policy binding", PolicyBindingRequest.class, PolicyBindingView.class,
                        req -> update(req, false))
                .op("DELETE", PATH + "{pk}/", Access.SUPERUSER, "policies_bindings_destroy", "Delete a policy binding",
                        null, null, req -> {
                            bindings.delete(req.actor(), find(req).pk());
                            return ApiResponse.noContent();
                        });
    }

    private PolicyBinding find(ApiRequest req) {
        return Stores.on(db.dsl()).policyBindings().byPk(req.pathUuid("pk")).orElseThrow(NotFoundException::new);
    }

    private ApiResponse update(ApiRequest req, boolean full) {
        PolicyBinding b = find(req);
        return ApiResponse.ok(PolicyBindingView.of(bindings.update(req.actor(), b.pk(), changes(req.body(), full))));
    }

    /** On create and PUT an absent subject counts as null, so the body alone decides which one is set. */
    private static PolicyBindingChanges changes(Body b, boolean full) {
        if (full) {
            b.require("target", "order");
        }
        PolicyBindingChanges c = new PolicyBindingChanges(b.uuid("target"), subject(b.optionalUuid("policy"), full),
                subject(b.optionalUuid("group"), full), subject(b.optionalInteger("user"), full), b.bool("negate"),
                b.bool("enabled"), b.int32("order"), b.int32("timeout"), b.bool("failure_result"));
        b.finish();
        return c;
    }

    private static <T> java.util.Optional<T> subject(java.util.Optional<T> given, boolean full) {
        return given == null && full ? java.util.Optional.empty() : given;
    }
}
