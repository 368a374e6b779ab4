package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.token.GrantToken;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.store.Database;
import dev.gatehouse.session.SessionStore;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Server-side proxy sessions (CONTRACT.md: cookie {@code gatehouse_proxy_<8 hex>}): started at the callback for
 * the browser session the sign-in ran in, looked up on every forward-auth request through the
 * {@link ProxySessionCache}, ended at sign-out. Only the SHA-256 of a session's key is stored. A session lives as
 * long as its access token (the provider's {@code access_token_validity}) and never longer than its browser
 * session.
 */
public final class ProxySessions {
    private static final Pattern KEY_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** A reload keeps a session's token while it is valid for at least this long. */
    private static final long TOKEN_MARGIN_MILLIS = 60_000;
    private final Database db;
    private final ProxySessionCache cache;
    private final ProxyIdentities identities;

    ProxySessions(Database db, ProxySessionCache cache, ProxyIdentities identities) {
        this.db = db;
        this.cache = cache;
        this.identities = identities;
    }

    /** A session just started: the cookie's key (shown only here) and when the session ends. */
    record Started(String key, Instant expires) {
        @Override
        public String toString() {
            return "Started[expires=" + expires + "]";
        }
    }

    /**
     * Starts a session for the access token the sign-in's code was exchanged for ({@code stored}, its record),
     * under the browser session that signed in; empty when that session is gone.
     */
    Optional<Started> start(ProxyRoute route, GrantToken stored, ProxyIdentities.Jwt jwt, ForwardRequest req) {
        DSLContext dsl = db.dsl();
        Optional<AuthenticatedSession> browser = Optional.ofNullable(stored.sessionHash())
                .flatMap(h -> new SessionStore(db.dsl()).byKeyHash(h)).filter(b -> !b.expired(Instant.now()));
        Optional<User> user = new UserStore(dsl).byPk(stored.user()).filter(User::isActive);
        if (browser.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.randomBytes(32));
        Instant now = Instant.now();
        Instant expires = min(stored.expires(), browser.get().expires());
        ProxySessionStore.Row row = new ProxySessionStore(db.dsl()).insert(Secrets.sha256Hex(key), route.provider().pk(),
                stored.user(), browser.get().uuid(), stored.family(), stored.scope(), stored.authTime(), stored.amr(),
                now, expires);
        Identity identity = identities.build(route, user.get(), jwt, req);
        cache.put(new ProxySessionCache.Key(route.provider().pk(), row.keyHash()),
                cache.entry(stored.user(), expires.toEpochMilli(), identity, db.definitions().generation()));
        return Optional.of(new Started(key, expires));
    }

    /** The identity of the session a cookie's key names, if it is live (no database round trip when cached). */
    Optional<Identity> identity(ProxyRoute route, String key, ForwardRequest req) {
        if (key == null || !KEY_SHAPE.matcher(key).matches()) {
            return Optional.empty();
        }
        ProxySessionCache.Key k = new ProxySessionCache.Key(route.provider().pk(), Secrets.sha256Hex(key));
        ProxySessionCache.Entry e = cache.get(k, (previous, generation) -> load(route, k, previous, generation, req));
        return e == null ? Optional.empty() : Optional.of(e.identity());
    }

    private ProxySessionCache.Entry load(ProxyRoute route, ProxySessionCache.Key k, ProxySessionCache.Entry previous,
                                         long generation, ForwardRequest req) {
        Instant now = Instant.now();
        Optional<ProxySessionStore.Live> found = new ProxySessionStore(db.dsl()).live(k.keyHash(), k.provider(), now);
        if (found.isEmpty() || !found.get().user().isActive()) {
            return null;
        }
        ProxySessionStore.Live live = found.get();
        ProxySessionStore.Row row = live.row();
        ProxyIdentities.Jwt jwt;
        if (previous != null && previous.user() == row.user()
                && previous.identity().jwtExpires().toEpochMilli() - now.toEpochMilli() > TOKEN_MARGIN_MILLIS) {
            jwt = new ProxyIdentities.Jwt(previous.identity().jwt(), previous.identity().jwtExpires());
        } else {
            jwt = identities.mint(route, live.user(), new ProxyIdentities.SignIn(row.scope(), row.tokenFamily(),
                    row.authTime(), live.browserSessionHash(), row.amr()), req);
        }
        Instant expires = min(row.expires(), live.browserSessionExpires());
        return cache.entry(row.user(), expires.toEpochMilli(), identities.build(route, live.user(), jwt, req), generation);
    }

    /** Ends the session a key names (sign-out); its access tokens are revoked. */
    boolean end(ProxyRoute route, String key) {
        if (key == null || !KEY_SHAPE.matcher(key).matches()) {
            return false;
        }
        String hash = Secrets.sha256Hex(key);
        boolean ended = db.tx(dsl -> {
            ProxySessionStore store = new ProxySessionStore(dsl);
            Optional<ProxySessionStore.Row> row = store.byKeyHash(hash).filter(r -> r.provider() == route.provider().pk());
            if (row.isEmpty()) {
                return false;
            }
            store.delete(row.get().uuid());
            new OAuth2GrantStore(dsl).revokeFamily(row.get().tokenFamily());
            return true;
        });
        cache.remove(new ProxySessionCache.Key(route.provider().pk(), hash));
        return ended;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
