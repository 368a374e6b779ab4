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
import dev.gatehouse.flow.Stage;
import dev.gatehouse.stage.StageService;
import dev.gatehouse.flow.engine.StageType;
import dev.gatehouse.flow.engine.StageTypes;
import dev.gatehouse.store.Database;
import dev.gatehouse.flow.StageStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code stages/all/} (list, get, delete every stage) and one CRUD resource per registered stage type at
 * {@code stages/<type path>/}, generated from {@link StageTypes}. A stage's config keys sit at the top level
 * of its JSON next to {@code name}, as in authentik.
 */
public final class StagesApi {
    private final Database db;
    private final StageService stages;

    public StagesApi(Database db, StageService stages) {
        this.db = db;
        this.stages = stages;
    }

    /** The fields every stage has (the schema's view; each type adds its config keys). */
    public record StageView(UUID pk, String name, String component, String verboseName, String metaModelName) {
    }

    /** A stage's name, which every stage has. */
    public static final Field<String> NAME = Field.string("name").required().notBlank();

    /** What a request to a stage type's resource gives: the name and the type's config fields (the schema). */
    public static Definition<Void> request(StageType t) {
        return Definition.define(t.config().type(), t.config().schemaName()).field(NAME).fields(t.config().fields())
                .build(v -> null);
    }

    public void register(Routes r) {
        r.list("stages/all/", Access.SUPERUSER, "stages_all_list", "List stages of every type", StageView.class,
                        StageStore.LISTING.filterNames(), req -> list(req, null))
                .op("GET", "stages/all/{pk}/", Access.SUPERUSER, "stages_all_retrieve", "Get a stage", null,
                        StageView.class, req -> ApiResponse.ok(view(find(req, null))))
                .op("DELETE", "stages/all/{pk}/", Access.SUPERUSER, "stages_all_destroy", "Delete a stage", null, null,
                        req -> delete(req, null));
        for (StageType t : StageTypes.all()) {
            register(r, t);
        }
    }

    private void register(Routes r, StageType t) {
        String path = "stages/" + t.apiPath() + "/";
        String id = "stages_" + t.apiPath().replace('/', '_');
        String label = t.name() + " stage";
        r.list(path, Access.SUPERUSER, id + "_list", "List " + label + "s", StageView.class,
                        StageStore.LISTING.filterNames(), req -> list(req, t))
                .objectOp("POST", path, Access.SUPERUSER, id + "_create", "Create a " + label, request(t),
                        StageView.class, req -> {
                            Body b = req.body().require("name");
                            String name = b.string("name");
                            Map<String, Object> values = b.values(t.defaults().keySet());
                            b.finish();
                            return ApiResponse.created(view(stages.create(req.actor(), t, name, values)));
                        })
                .op("GET", path + "{pk}/", Access.SUPERUSER, id + "_retrieve", "Get a " + label, null,
                        StageView.class, req -> ApiResponse.ok(view(find(req, t))))
                .objectOp("PUT", path + "{pk}/", Access.SUPERUSER, id + "_update", "Replace a " + label, request(t),
                        StageView.class, req -> update(req, t, true))
                .objectOp("PATCH", path + "{pk}/", Access.SUPERUSER, id + "_partial_update", "Change a " + label,
                        request(t), StageView.class, req -> update(req, t, false))
                .op("DELETE", path + "{pk}/", Access.SUPERUSER, id + "_destroy", "Delete a " + label, null, null,
                        req -> delete(req, t));
    }

    private ApiResponse list(ApiRequest req, StageType t) {
        return ApiResponse.ok(Pagination.envelope(new StageStore(db.dsl())
                .list(req.pageRequest(), t == null ? null : t.name()).map(this::view)));
    }

    private Stage find(ApiRequest req, StageType t) {
        return new StageStore(db.dsl()).byPk(req.pathUuid("pk"))
                .filter(s -> t == null || s.type().equals(t.name())).orElseThrow(NotFoundException::new);
    }

    private ApiResponse update(ApiRequest req, StageType t, boolean full) {
        Stage old = find(req, t);
        Body b = full ? req.body().require("name") : req.body();
        String name = b.string("name");
        Map<String, Object> values = b.values(t.defaults().keySet());
        b.finish();
        return ApiResponse.ok(view(stages.update(req.actor(), t, old.pk(), name, values, full)));
    }

    private ApiResponse delete(ApiRequest req, StageType t) {
        stages.delete(req.actor(), find(req, t).pk(), t == null ? null : t.name());
        return ApiResponse.noContent();
    }

    private Map<String, Object> view(Stage s) {
        StageType t = StageTypes.byName(s.type()).orElse(null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pk", s.pk());
        out.put("name", s.name());
        out.put("component", t == null ? "" : t.component());
        out.put("verbose_name", t == null ? s.type() : t.name().replace('_', ' ') + " stage");
        out.put("meta_model_name", t == null ? s.type() : t.metaModelName());
        java.util.Set<String> secret = new java.util.HashSet<>();
        if (t != null) {
            t.config().fields().stream().filter(f -> f.isWriteOnly()).forEach(f -> secret.add(f.name()));
        }
        s.config().forEach((key, value) -> {
            if (!secret.contains(key)) { // write-only (an SMTP password) is never sent back
                out.putIfAbsent(key, value);
            }
        });
        return out;
    }
}
