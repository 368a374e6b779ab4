package dev.gatehouse.provider.ldap;

import static dev.gatehouse.provider.ldap.LdapTables.LdapProviders.*;

import dev.gatehouse.core.CoreTables;
import dev.gatehouse.core.Provider;
import dev.gatehouse.core.ProviderStore;
import dev.gatehouse.outpost.OutpostTables;
import dev.gatehouse.provider.ldap.LdapProvider;
import dev.gatehouse.provider.ldap.LdapTables.SearchAccess;
import dev.gatehouse.outpost.OutpostTables.OutpostProviders;
import dev.gatehouse.outpost.OutpostTables.Outposts;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code providers_ldap} with their {@code core_provider} row and full-directory search grants. */
public final class LdapProviderStore {
    /** LDAP providers joined with their common row, for the list endpoint's filters. */
    public static final Listing<Provider> LISTING = Listing.of(CoreTables.Providers.T.join(T)
                    .on(PROVIDER.eq(CoreTables.Providers.ID)), CoreTables.Providers.ALL, CoreTables.Providers.ID, ProviderStore::map)
            .filter("pk", CoreTables.Providers.ID).filter("name", CoreTables.Providers.NAME).filter("base_dn", BASE_DN)
            .filter("bind_mode", BIND_MODE).filter("search_mode", SEARCH_MODE)
            .search(CoreTables.Providers.NAME)
            .order("pk", CoreTables.Providers.ID).order("name", CoreTables.Providers.NAME)
            .defaultOrder(CoreTables.Providers.NAME.asc())
            .build();

    private final DSLContext dsl;

    public LdapProviderStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(LdapProvider p) {
        dsl.insertInto(T).set(PROVIDER, p.pk()).set(BASE_DN, p.baseDn()).set(BIND_MODE, p.bindMode())
                .set(SEARCH_MODE, p.searchMode()).set(UID_START, p.uidStartNumber()).set(GID_START, p.gidStartNumber())
                .set(MFA_SUPPORT, p.mfaSupport()).set(CERTIFICATE, p.certificate())
                .set(TLS_SERVER_NAME, p.tlsServerName()).execute();
        writeSearchAccess(p);
    }

    public void update(LdapProvider p) {
        dsl.update(T).set(BASE_DN, p.baseDn()).set(BIND_MODE, p.bindMode()).set(SEARCH_MODE, p.searchMode())
                .set(UID_START, p.uidStartNumber()).set(GID_START, p.gidStartNumber()).set(MFA_SUPPORT, p.mfaSupport())
                .set(CERTIFICATE, p.certificate()).set(TLS_SERVER_NAME, p.tlsServerName())
                .where(PROVIDER.eq(p.pk())).execute();
        writeSearchAccess(p);
    }

    private void writeSearchAccess(LdapProvider p) {
        dsl.deleteFrom(SearchAccess.T).where(SearchAccess.PROVIDER.eq(p.pk())).execute();
        for (Long u : p.searchUsers()) {
            dsl.insertInto(SearchAccess.T).set(SearchAccess.PROVIDER, p.pk()).set(SearchAccess.USER, u).execute();
        }
        for (UUID g : p.searchGroups()) {
            dsl.insertInto(SearchAccess.T).set(SearchAccess.PROVIDER, p.pk()).set(SearchAccess.GROUP, g).execute();
        }
    }

    public Optional<LdapProvider> byPk(long pk) {
        return dsl.select(all()).from(T).join(CoreTables.Providers.T).on(PROVIDER.eq(CoreTables.Providers.ID))
                .where(PROVIDER.eq(pk)).fetchOptional().map(this::map);
    }

    /**
     * The LDAP providers this process's listeners serve: those in the list of the embedded outpost or of an
     * outpost of type ldap (an LDAP outpost object is kept for compatibility; its providers are served here).
     */
    public List<LdapProvider> served() {
        return dsl.selectDistinct(all()).from(T).join(CoreTables.Providers.T).on(PROVIDER.eq(CoreTables.Providers.ID))
                .join(OutpostProviders.T).on(OutpostProviders.PROVIDER.eq(PROVIDER))
                .join(Outposts.T).on(Outposts.UUID_.eq(OutpostProviders.OUTPOST))
                .where(Outposts.TYPE.eq("ldap").or(Outposts.MANAGED.eq(dev.gatehouse.outpost.EmbeddedOutpost.MANAGED)))
                .orderBy(PROVIDER).fetch().map(this::map);
    }

    /** Names of the LDAP providers whose TLS certificate is the pair (they keep it from being deleted). */
    public List<String> usingCertificate(UUID keyPair) {
        return dsl.select(CoreTables.Providers.NAME).from(T).join(CoreTables.Providers.T).on(CoreTables.Providers.ID.eq(PROVIDER))
                .where(CERTIFICATE.eq(keyPair)).fetch(CoreTables.Providers.NAME);
    }

    private static List<org.jooq.Field<?>> all() {
        List<org.jooq.Field<?>> f = new ArrayList<>(CoreTables.Providers.ALL);
        f.addAll(ALL);
        return f;
    }

    private LdapProvider map(Record r) {
        long pk = r.get(PROVIDER);
        List<Long> users = new ArrayList<>();
        List<UUID> groups = new ArrayList<>();
        dsl.select(SearchAccess.USER, SearchAccess.GROUP).from(SearchAccess.T).where(SearchAccess.PROVIDER.eq(pk))
                .forEach(a -> {
                    if (a.value1() != null) {
                        users.add(a.value1());
                    } else {
                        groups.add(a.value2());
                    }
                });
        return new LdapProvider(ProviderStore.map(r), r.get(BASE_DN), r.get(BIND_MODE), r.get(SEARCH_MODE),
                r.get(UID_START), r.get(GID_START), r.get(MFA_SUPPORT), r.get(CERTIFICATE), r.get(TLS_SERVER_NAME),
                users.stream().sorted().toList(), groups.stream().sorted().toList());
    }

    public Page<Provider> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }
}
