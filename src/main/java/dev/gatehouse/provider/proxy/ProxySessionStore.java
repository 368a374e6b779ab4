package dev.gatehouse.provider.proxy;

import static dev.gatehouse.provider.proxy.ProxyTables.ProxySessions.*;

import dev.gatehouse.core.CoreTables;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.session.SessionTables.Sessions;
import dev.gatehouse.session.SessionTables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Rows of {@code proxy_session}: a browser signed in at a protected application, found by the SHA-256 of its
 * cookie's key. Each hangs off the browser session it was signed in with (deleted with it).
 */
public final class ProxySessionStore {
    private final DSLContext dsl;

    public ProxySessionStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A proxy session as stored. {@code scope}, {@code authTime} and {@code amr} repeat its sign-in for new tokens. */
    public record Row(UUID uuid, String keyHash, long provider, long user, UUID session, UUID tokenFamily, String scope,
                      Instant authTime, String amr, Instant created, Instant expires) {
        @Override
        public String toString() {
            return "ProxySession[uuid=" + uuid + ", provider=" + provider + ", user=" + user + "]";
        }
    }

    /** A proxy session with its user and the browser session it hangs off (its key hash and expiry). */
    public record Live(Row row, User user, String browserSessionHash, Instant browserSessionExpires) {
    }

    static Row map(Record r) {
        return new Row(r.get(UUID_), r.get(KEY_HASH), r.get(PROVIDER), r.get(USER), r.get(SESSION), r.get(TOKEN_FAMILY),
                r.get(SCOPE), r.get(AUTH_TIME), r.get(AMR), r.get(CREATED), r.get(EXPIRES));
    }

    public Row insert(String keyHash, long provider, long user, UUID session, UUID tokenFamily, String scope,
                      Instant authTime, String amr, Instant created, Instant expires) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(T).set(UUID_, id).set(KEY_HASH, keyHash).set(PROVIDER, provider).set(USER, user)
                .set(SESSION, session).set(TOKEN_FAMILY, tokenFamily).set(SCOPE, scope).set(AUTH_TIME, authTime)
                .set(AMR, amr == null ? "" : amr).set(CREATED, created).set(EXPIRES, expires).execute();
        return new Row(id, keyHash, provider, user, session, tokenFamily, scope, authTime, amr == null ? "" : amr,
                created, expires);
    }

    /**
     * The session a key hash names for this provider, with its user and browser session, in one query; empty
     * when unknown, another provider's, or when it or its browser session has expired.
     */
    public Optional<Live> live(String keyHash, long provider, Instant now) {
        List<Field<?>> fields = new ArrayList<>(ALL);
        fields.addAll(CoreTables.Users.ALL);
        fields.add(Sessions.KEY_HASH);
        fields.add(Sessions.EXPIRES);
        return dsl.select(fields).from(T).join(CoreTables.Users.T).on(USER.eq(CoreTables.Users.ID))
                .join(Sessions.T).on(SESSION.eq(Sessions.UUID_))
                .where(KEY_HASH.eq(keyHash)).and(PROVIDER.eq(provider)).and(EXPIRES.gt(now))
                .and(Sessions.EXPIRES.gt(now))
                .fetchOptional(r -> new Live(map(r), UserStore.map(r), r.get(Sessions.KEY_HASH), r.get(Sessions.EXPIRES)));
    }

    public Optional<Row> byKeyHash(String keyHash) {
        return dsl.select(ALL).from(T).where(KEY_HASH.eq(keyHash)).fetchOptional(ProxySessionStore::map);
    }

    /** The token families of the user's proxy sessions that hang off browser sessions other than {@code keep}. */
    public List<UUID> tokenFamiliesOfUserExcept(long user, UUID keep) {
        org.jooq.Condition which = keep == null ? USER.eq(user) : USER.eq(user).and(SESSION.ne(keep));
        return dsl.select(TOKEN_FAMILY).from(T).where(which).and(TOKEN_FAMILY.isNotNull()).fetch(TOKEN_FAMILY);
    }

    public boolean delete(UUID uuid) {
        return dsl.deleteFrom(T).where(UUID_.eq(uuid)).execute() > 0;
    }

    /** Deletes every proxy session of the user; the number deleted. */
    public int deleteForUser(long user) {
        return dsl.deleteFrom(T).where(USER.eq(user)).execute();
    }

    public int deleteExpired(Instant now) {
        return dsl.deleteFrom(T).where(EXPIRES.le(now)).execute();
    }
}
