package dev.gatehouse.provider.proxy;

import static dev.gatehouse.provider.proxy.ProxyTables.ProxyProviders.*;

import dev.gatehouse.core.CoreTables;
import dev.gatehouse.core.Provider;
import dev.gatehouse.core.ProviderStore;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.OAuth2ProviderStore;
import dev.gatehouse.provider.proxy.ProxyMode;
import dev.gatehouse.provider.proxy.ProxyProvider;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Rows of {@code providers_proxy}, read together with the provider's {@code core_provider} and
 * {@code providers_oauth2} rows (a proxy provider is an OAuth2 client).
 */
public final class ProxyProviderStore {
    /** Proxy providers joined with their common row, for the list endpoint's filters. */
    public static final Listing<Provider> LISTING;

    static {
        List<org.jooq.Field<?>> columns = new ArrayList<>(CoreTables.Providers.ALL);
        LISTING = Listing.of(CoreTables.Providers.T.join(T).on(PROVIDER.eq(CoreTables.Providers.ID)), columns,
                        CoreTables.Providers.ID, ProviderStore::map)
                .filter("pk", CoreTables.Providers.ID).filter("name", CoreTables.Providers.NAME).filter("mode", MODE)
                .filter("external_host", EXTERNAL_HOST).filter("internal_host", INTERNAL_HOST)
                .filter("cookie_domain", COOKIE_DOMAIN).filter("basic_auth_enabled", BASIC_AUTH_ENABLED)
                .search(CoreTables.Providers.NAME)
                .order("pk", CoreTables.Providers.ID).order("name", CoreTables.Providers.NAME)
                .defaultOrder(CoreTables.Providers.NAME.asc())
                .build();
    }

    private final DSLContext dsl;

    public ProxyProviderStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(ProxyProvider p) {
        dsl.insertInto(T).set(PROVIDER, p.pk()).set(values(p)).execute();
    }

    public void update(ProxyProvider p) {
        dsl.update(T).set(values(p)).where(PROVIDER.eq(p.pk())).execute();
    }

    private static Map<org.jooq.Field<?>, Object> values(ProxyProvider p) {
        Map<org.jooq.Field<?>, Object> v = new LinkedHashMap<>();
        v.put(MODE, p.mode().wire());
        v.put(EXTERNAL_HOST, p.externalHost());
        v.put(INTERNAL_HOST, p.internalHost());
        v.put(INTERNAL_HOST_SSL_VALIDATION, p.internalHostSslValidation());
        v.put(COOKIE_DOMAIN, p.cookieDomain());
        v.put(SKIP_PATH_REGEX, p.skipPathRegex());
        v.put(BASIC_AUTH_ENABLED, p.basicAuthEnabled());
        v.put(BASIC_AUTH_USER_ATTRIBUTE, p.basicAuthUserAttribute());
        v.put(BASIC_AUTH_PASSWORD_ATTRIBUTE, p.basicAuthPasswordAttribute());
        v.put(INTERCEPT_HEADER_AUTH, p.interceptHeaderAuth());
        return v;
    }

    public Optional<ProxyProvider> byPk(long pk) {
        return new OAuth2ProviderStore(dsl).byPk(pk).flatMap(this::of);
    }

    /** The proxy configuration of an OAuth2 client, when it is a proxy provider. */
    public Optional<ProxyProvider> of(OAuth2Provider o) {
        return dsl.select(ALL).from(T).where(PROVIDER.eq(o.pk())).fetchOptional().map(r -> map(o, r));
    }

    /** Every proxy provider (the forward-auth routing table is built from these). */
    public List<ProxyProvider> all() {
        OAuth2ProviderStore oauth2 = new OAuth2ProviderStore(dsl);
        List<ProxyProvider> out = new ArrayList<>();
        for (Record r : dsl.select(ALL).from(T).orderBy(PROVIDER).fetch()) {
            oauth2.byPk(r.get(PROVIDER)).ifPresent(o -> out.add(map(o, r)));
        }
        return out;
    }

    private static ProxyProvider map(OAuth2Provider o, Record r) {
        return new ProxyProvider(o, ProxyMode.of(r.get(MODE)).orElseThrow(), r.get(EXTERNAL_HOST), r.get(INTERNAL_HOST),
                r.get(INTERNAL_HOST_SSL_VALIDATION), r.get(COOKIE_DOMAIN), r.get(SKIP_PATH_REGEX),
                r.get(BASIC_AUTH_ENABLED), r.get(BASIC_AUTH_USER_ATTRIBUTE), r.get(BASIC_AUTH_PASSWORD_ATTRIBUTE),
                r.get(INTERCEPT_HEADER_AUTH));
    }

    public Page<Provider> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }
}
