package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.outpost.EmbeddedOutpost;
import dev.gatehouse.outpost.Outpost;
import dev.gatehouse.outpost.OutpostStore;
import dev.gatehouse.outpost.ProxyUrls;
import dev.gatehouse.provider.oauth2.scope.ScopeMapping;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingStore;
import dev.gatehouse.store.Database;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The forward-auth routing table: the proxy providers the embedded outpost serves that have an application,
 * found by host (CONTRACT.md "Forward auth / proxy provider"): the exact external host first, else the
 * domain-mode provider whose cookie domain is the longest whole-label suffix of the host. It is kept in the
 * {@link dev.gatehouse.store.DefinitionCache}, so a change to a provider, an application or the outpost is
 * seen at the next request (other processes: within the cache's TTL, or at once through its invalidation).
 */
public final class ProxyRoutes {
    private static final List<Object> KEY = List.of("proxy-routes");
    private final Map<String, ProxyRoute> exact;
    private final List<ProxyRoute> domains;
    private final Map<Long, ProxyRoute> byProvider;

    private ProxyRoutes(List<ProxyRoute> routes) {
        Map<String, ProxyRoute> e = new HashMap<>();
        Map<Long, ProxyRoute> p = new HashMap<>();
        List<ProxyRoute> d = new ArrayList<>();
        for (ProxyRoute r : routes) {
            URI external = URI.create(r.provider().externalHost());
            e.putIfAbsent(normalise(external.getScheme(), external.getRawAuthority()), r);
            p.put(r.provider().pk(), r);
            if (r.domainMode() && !r.provider().cookieDomain().isEmpty()) {
                d.add(r);
            }
        }
        d.sort(Comparator.comparingInt((ProxyRoute r) -> r.provider().cookieDomain().length()).reversed());
        this.exact = Map.copyOf(e);
        this.domains = List.copyOf(d);
        this.byProvider = Map.copyOf(p);
    }

    /** The current table (no database round trip while the definitions are unchanged). */
    public static ProxyRoutes current(Database db) {
        return db.definitions().get(KEY, () -> load(db.dsl()));
    }

    static ProxyRoutes load(DSLContext dsl) {
        Optional<Outpost> outpost = new OutpostStore(dsl).byManaged(EmbeddedOutpost.MANAGED);
        List<ProxyRoute> routes = new ArrayList<>();
        if (outpost.isPresent()) {
            for (Long pk : outpost.get().providers()) {
                Optional<ProxyProvider> provider = new ProxyProviderStore(dsl).byPk(pk);
                Optional<Application> app = provider.flatMap(p -> new ApplicationStore(dsl).byProvider(p.pk()));
                if (app.isPresent()) {
                    List<String> scopes = new ScopeMappingStore(dsl).byPks(provider.get().oauth2().propertyMappings()).stream()
                            .map(ScopeMapping::scopeName).distinct().sorted().toList();
                    routes.add(ProxyRoute.of(provider.get(), app.get(), outpost.get(), scopes));
                }
            }
        }
        return new ProxyRoutes(routes);
    }

    /** The application for a request to {@code authority} ({@code host[:port]}) over {@code scheme}. */
    public Optional<ProxyRoute> forHost(String scheme, String authority) {
        if (authority == null || authority.isEmpty()) {
            return Optional.empty();
        }
        ProxyRoute r = exact.get(normalise(scheme, authority));
        if (r != null) {
            return Optional.of(r);
        }
        String host = ProxyUrls.hostOfAuthority(authority);
        for (ProxyRoute d : domains) {
            if (ProxyUrls.underDomain(host, d.provider().cookieDomain())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    public Optional<ProxyRoute> forProvider(long pk) {
        return Optional.ofNullable(byProvider.get(pk));
    }

    /** An authority as the table keys it: lower case, without the scheme's default port. */
    static String normalise(String scheme, String authority) {
        String a = authority.toLowerCase(Locale.ROOT);
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        if (s.equals("http") && a.endsWith(":80")) {
            return a.substring(0, a.length() - 3);
        }
        if (s.equals("https") && a.endsWith(":443")) {
            return a.substring(0, a.length() - 4);
        }
        return a;
    }
}
