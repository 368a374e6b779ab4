package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.ProviderStore;
import dev.gatehouse.definition.Write;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.outpost.Outpost;
import dev.gatehouse.outpost.OutpostChanges;
import dev.gatehouse.outpost.OutpostService;
import dev.gatehouse.store.Database;
import dev.gatehouse.outpost.OutpostStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * {@code outposts/instances/} (CONTRACT.md "Outposts"): the outposts and the providers each serves. PATCH of
 * {@code providers} replaces the list; {@code config} keys given replace the stored ones (e.g.
 * {@code {"config": {"authentik_host": "https://auth.example.org"}}}).
 */
public final class OutpostsApi {
    private final Database db;
    private final OutpostService outposts;

    public OutpostsApi(Database db, OutpostService outposts) {
        this.db = db;
        this.outposts = outposts;
    }

    public record OutpostProviderRef(long pk, String name, String component, String assignedApplicationSlug) {
    }

    public record OutpostView(UUID pk, String name, String type, List<Long> providers,
                              List<OutpostProviderRef> providersObj, UUID serviceConnection,
                              Map<String, Object> config, String managed) {
    }

    public void register(Routes r) {
        r.crud("outposts/instances/", "pk", "outposts_instances", "outpost", OutpostChanges.DEFINITION,
                OutpostView.class, OutpostStore.LISTING.filterNames(), new Routes.Crud(this::list,
                        req -> view(outposts.create(req.actor(), req.body().read(OutpostChanges.DEFINITION, Write.CREATE))),
                        req -> view(find(req)),
                        (req, write) -> view(outposts.update(req.actor(), find(req).pk(),
                                req.body().read(OutpostChanges.DEFINITION, write))),
                        req -> {
                            outposts.delete(req.actor(), find(req).pk());
                            return null;
                        }));
    }

    private ApiResponse list(ApiRequest req) {
        return ApiResponse.ok(Pagination.envelope(new OutpostStore(db.dsl()).list(req.pageRequest()).map(this::view)));
    }

    private Outpost find(ApiRequest req) {
        return new OutpostStore(db.dsl()).byPk(req.pathUuid("pk")).orElseThrow(NotFoundException::new);
    }

    private OutpostView view(Outpost o) {
        DSLContext dsl = db.dsl();
        List<OutpostProviderRef> refs = o.providers().stream().map(pk -> new ProviderStore(dsl).byPk(pk)).flatMap(java.util.Optional::stream)
                .map(p -> new OutpostProviderRef(p.pk(), p.name(), "ak-provider-" + p.kind() + "-form",
                        new ApplicationStore(dsl).byProvider(p.pk()).map(a -> a.slug()).orElse(null)))
                .toList();
        return new OutpostView(o.pk(), o.name(), o.type(), o.providers(), refs, null, o.config(), o.managed());
    }
}
