package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyBindingStore;
import dev.gatehouse.policy.PolicyService;
import dev.gatehouse.policy.PolicyType;
import dev.gatehouse.policy.PolicyTypes;
import dev.gatehouse.store.Database;
import dev.gatehouse.policy.PolicyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code policies/all/} (list, get, delete every policy) and one CRUD resource per registered policy type
 * at {@code policies/<type>/}, generated from {@link PolicyTypes}; config keys sit next to {@code name}.
 */
public final class PoliciesApi {
    private final Database db;
    private final PolicyService policies;

    public PoliciesApi(Database db, PolicyService policies) {
        this.db = db;
        this.policies = policies;
    }

    /** The fields every policy has (the schema's view; each type adds its config keys). */
    public record PolicyView(UUID pk, String name, boolean executionLogging, String component, String verboseName,
                             String metaModelName, long boundTo) {
    }

    /** A policy's name, which every policy has. */
    public static final Field<String> NAME = Field.string("name").required().notBlank();
    /** Whether every evaluation of the policy is logged as an event. */
    public static final Field<Boolean> EXECUTION_LOGGING = Field.bool("execution_logging").byDefault(false);

    /** What a request to a policy type's resource gives: name, execution logging and the type's config (the schema). */
    public static Definition<Void> request(PolicyType t) {
        return Definition.define(t.config().type(), t.config().schemaName()).field(NAME, EXECUTION_LOGGING)
                .fields(t.config().fields()).build(v -> null);
    }

    public void register(Routes r) {
        r.list("policies/all/", Access.SUPERUSER, "policies_all_list", "List policies of every type",
                        PolicyView.class, PolicyStore.LISTING.filterNames(), req -> list(req, null))
                .op("GET", "policies/all/{pk}/", Access.SUPERUSER, "policies_all_retrieve", "Get a policy", null,
                        PolicyView.class, req -> ApiResponse.ok(view(find(req, null))))
                .op("DELETE", "policies/all/{pk}/", Access.SUPERUSER, "policies_all_destroy", "Delete a policy",
                        null, null, req -> delete(req, null));
        for (PolicyType t : PolicyTypes.all()) {
            register(r, t);
        }
    }

    private void register(Routes r, PolicyType t) {
        String path = "policies/" + t.name() + "/";
        String id = "policies_" + t.name();
        String label = t.name() + " policy";
        r.list(path, Access.SUPERUSER, id + "_list", "List " + label + " objects", PolicyView.class,
                        PolicyStore.LISTING.filterNames(), req -> list(req, t))
                .objectOp("POST", path, Access.SUPERUSER, id + "_create", "Create a " + label, request(t),
                        PolicyView.class, req -> {
                            Body b = req.body().require("name");
                            String name = b.string("name");
                            Boolean logging = b.bool("execution_logging");
                            Map<String, Object> values = b.values(t.defaults().keySet());
                            b.finish();
                            return ApiResponse.created(view(policies.create(req.actor(), t, name, logging, values)));
                        })
                .op("GET", path + "{pk}/", Access.SUPERUSER, id + "_retrieve", "Get a " + label, null,
                        PolicyView.class, req -> ApiResponse.ok(view(find(req, t))))
                .objectOp("PUT", path + "{pk}/", Access.SUPERUSER, id + "_update", "Replace a " + label,
                        request(t), PolicyView.class, req -> update(req, t, true))
                .objectOp("PATCH", path + "{pk}/", Access.SUPERUSER, id + "_partial_update", "Change a " + label,
                        request(t), PolicyView.class, req -> update(req, t, false))
                .op("DELETE", path + "{pk}/", Access.SUPERUSER, id + "_destroy", "Delete a " + label, null, null,
                        req -> delete(req, t));
    }

    private ApiResponse list(ApiRequest req, PolicyType t) {
        return ApiResponse.ok(Pagination.envelope(new PolicyStore(db.dsl())
                .list(req.pageRequest(), t == null ? null : t.name()).map(this::view)));
    }

    private Policy find(ApiRequest req, PolicyType t) {
        return new PolicyStore(db.dsl()).byPk(req.pathUuid("pk"))
                .filter(p -> t == null || p.type().equals(t.name())).orElseThrow(NotFoundException::new);
    }

    private ApiResponse update(ApiRequest req, PolicyType t, boolean full) {
        Policy old = find(req, t);
        Body b = full ? req.body().require("name") : req.body();
        String name = b.string("name");
        Boolean logging = b.bool("execution_logging");
        Map<String, Object> values = b.values(t.defaults().keySet());
        b.finish();
        return ApiResponse.ok(view(policies.update(req.actor(), t, old.pk(), name, logging, values, full)));
    }

    private ApiResponse delete(ApiRequest req, PolicyType t) {
        policies.delete(req.actor(), find(req, t).pk(), t == null ? null : t.name());
        return ApiResponse.noContent();
    }

    private Map<String, Object> view(Policy p) {
        PolicyType t = PolicyTypes.byName(p.type()).orElse(null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pk", p.pk());
        out.put("name", p.name());
        out.put("execution_logging", p.executionLogging());
        out.put("component", t == null ? "" : t.component());
        out.put("verbose_name", p.type().replace('_', ' ') + " policy");
        out.put("meta_model_name", t == null ? p.type() : t.metaModelName());
        out.put("bound_to", new PolicyBindingStore(db.dsl()).countOfPolicy(p.pk()));
        p.config().forEach(out::putIfAbsent);
        return out;
    }
}
