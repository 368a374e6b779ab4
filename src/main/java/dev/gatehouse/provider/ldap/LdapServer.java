package dev.gatehouse.provider.ldap;

import dev.gatehouse.store.Database;
import dev.gatehouse.store.DefinitionCache;
import java.util.List;

/** What every connection of the LDAP listeners shares: the served providers, the binder and the searcher. */
final class LdapServer {
    private final Database db;
    private final LdapBinder binder;
    private final LdapSearcher searcher;
    private final String version;

    LdapServer(Database db, LdapBinder binder, LdapSearcher searcher, String version) {
        this.db = db;
        this.binder = binder;
        this.searcher = searcher;
        this.version = version;
    }

    /** The providers the listeners serve, through the {@link DefinitionCache} (no query per request). */
    List<LdapProvider> served() {
        return DefinitionCache.of(db.dsl()).get(List.of("ldap-served-providers"),
                () -> new LdapProviderStore(db.dsl()).served());
    }

    LdapBinder binder() {
        return binder;
    }

    LdapSearcher searcher() {
        return searcher;
    }

    String version() {
        return version;
    }
}
