package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.definition.Write;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.ProviderService;
import dev.gatehouse.outpost.Outpost;
import dev.gatehouse.outpost.OutpostStore;
import dev.gatehouse.provider.ldap.LdapProvider;
import dev.gatehouse.provider.ldap.LdapProviderChanges;
import dev.gatehouse.provider.ldap.LdapProviderService;
import dev.gatehouse.store.Database;
import dev.gatehouse.provider.ldap.LdapProviderStore;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * {@code providers/ldap/}: CRUD of LDAP providers in authentik's shape ({@code authorization_flow} is the bind
 * flow). authentik grants "search the full directory" as a permission; here it is two list fields,
 * {@code search_full_directory_users} (user pks) and {@code search_full_directory_groups} (group pks, members
 * directly or through child groups). {@code outpost_set} lists the outposts serving the provider.
 */
public final class LdapProvidersApi {
    private final Database db;
    private final LdapProviderService providers;
    private final ProviderService common;

    public LdapProvidersApi(Database db, LdapProviderService providers, ProviderService common) {
        this.db = db;
        this.providers = providers;
        this.common = common;
    }

    public record LdapProviderView(long pk, String name, UUID authorizationFlow, UUID invalidationFlow,
                                   String component, String assignedApplicationSlug, String assignedApplicationName,
                                   String verboseName, String verboseNamePlural, String metaModelName, String baseDn,
                                   String bindMode, String searchMode, int uidStartNumber, int gidStartNumber,
                                   boolean mfaSupport, UUID certificate, String tlsServerName,
                                   List<Long> searchFullDirectoryUsers, List<UUID> searchFullDirectoryGroups,
                                   List<UUID> outpostSet) {
    }

    public void register(Routes r) {
        r.crud("providers/ldap/", "pk", "providers_ldap", "LDAP provider", LdapProviderChanges.DEFINITION, LdapProviderView.class,
                LdapProviderStore.LISTING.filterNames(), new Routes.Crud(this::list,
                        req -> view(providers.create(req.actor(), req.body().read(LdapProviderChanges.DEFINITION, Write.CREATE))),
                        req -> view(find(req)),
                        (req, write) -> view(providers.update(req.actor(), find(req).pk(),
                                req.body().read(LdapProviderChanges.DEFINITION, write))),
                        req -> {
                            common.delete(req.actor(), find(req).pk());
                            return null;
                        }));
    }

    private ApiResponse list(ApiRequest req) {
        DSLContext dsl = db.dsl();
        return ApiResponse.ok(Pagination.envelope(new LdapProviderStore(dsl).list(req.pageRequest())
                .map(p -> view(new LdapProviderStore(dsl).byPk(p.pk()).orElseThrow()))));
    }

    private LdapProvider find(ApiRequest req) {
        return new LdapProviderStore(db.dsl()).byPk(req.pathLong("pk")).orElseThrow(NotFoundException::new);
    }

    private LdapProviderView view(LdapProvider p) {
        DSLContext dsl = db.dsl();
        var app = new ApplicationStore(dsl).byProvider(p.pk());
        return new LdapProviderView(p.pk(), p.name(), p.provider().authorizationFlow(),
                p.provider().invalidationFlow(), "ak-provider-ldap-form", app.map(a -> a.slug()).orElse(null),
                app.map(a -> a.name()).orElse(null), "LDAP Provider", "LDAP Providers",
                "authentik_providers_ldap.ldapprovider", p.baseDn(), p.bindMode(), p.searchMode(), p.uidStartNumber(),
                p.gidStartNumber(), p.mfaSupport(), p.certificate(), p.tlsServerName(), p.searchUsers(),
                p.searchGroups(), new OutpostStore(dsl).serving(p.pk()).stream().map(Outpost::pk).toList());
    }
}
