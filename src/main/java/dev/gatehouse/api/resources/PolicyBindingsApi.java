package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.definition.Write;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.policy.PolicyBindingChanges;
import dev.gatehouse.policy.PolicyBindingService;
import dev.gatehouse.store.Database;
import dev.gatehouse.policy.PolicyBindingStore;
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

    public void register(Routes r) {
        r.crud(PATH, "pk", "policies_bindings", "policy binding", PolicyBindingChanges.DEFINITION,
                PolicyBindingView.class, PolicyBindingStore.LISTING.filterNames(), new Routes.Crud(
                        req -> ApiResponse.ok(Pagination.envelope(new PolicyBindingStore(db.dsl())
                                .list(req.pageRequest()).map(PolicyBindingView::of))),
                        req -> PolicyBindingView.of(bindings.create(req.actor(),
                                req.body().read(PolicyBindingChanges.DEFINITION, Write.CREATE))),
                        req -> PolicyBindingView.of(find(req)),
                        (req, write) -> PolicyBindingView.of(bindings.update(req.actor(), find(req).pk(),
                                req.body().read(PolicyBindingChanges.DEFINITION, write))),
                        req -> {
                            bindings.delete(req.actor(), find(req).pk());
                            return null;
                        }));
    }

    private PolicyBinding find(ApiRequest req) {
        return new PolicyBindingStore(db.dsl()).byPk(req.pathUuid("pk")).orElseThrow(NotFoundException::new);
    }
}
