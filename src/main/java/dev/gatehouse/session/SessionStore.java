package dev.gatehouse.session;

import static dev.gatehouse.session.SessionTables.Sessions.*;

import dev.gatehouse.core.CoreTables;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/** Rows of {@code core_authenticated_session}; a session is found by the SHA-256 of its key. */
public final class SessionStore {
    public static final Listing<AuthenticatedSession> LISTING = Listing.of(T, ALL, UUID_, SessionStore::map)
            .filter("user", USER).filter("uuid", UUID_)
            .order("last_used", LAST_USED).order("expires", EXPIRES).order("created", CREATED)
            .defaultOrder(LAST_USED.desc())
            .build();

    private final DSLContext dsl;

    public SessionStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    static AuthenticatedSession map(Record r) {
        return new AuthenticatedSession(r.get(UUID_), r.get(KEY_HASH), r.get(USER), r.get(CREATED), r.get(LAST_USED),
                r.get(EXPIRES), r.get(CLIENT_IP), r.get(USER_AGENT), r.get(DATA), r.get(AMR));
    }

    public AuthenticatedSession insert(String keyHash, long user, Instant created, Instant expires, String clientIp,
                                       String userAgent) {
        return insert(keyHash, user, created, expires, clientIp, userAgent, "");
    }

    /** A new session; {@code amr} is how its user signed in (space-separated RFC 8176 values). */
    public AuthenticatedSession insert(String keyHash, long user, Instant created, Instant expires, String clientIp,
                                       String userAgent, String amr) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(T).set(UUID_, id).set(KEY_HASH, keyHash).set(USER, user).set(CREATED, created)
                .set(LAST_USED, created).set(EXPIRES, expires).set(CLIENT_IP, clientIp)
                .set(USER_AGENT, userAgent == null ? "" : userAgent).set(DATA, "{}")
                .set(AMR, amr == null ? "" : amr).execute();
        return byUuid(id).orElseThrow();
    }

    public Optional<AuthenticatedSession> byUuid(UUID uuid) {
        return dsl.select(ALL).from(T).where(UUID_.eq(uuid)).fetchOptional(SessionStore::map);
    }

    public Optional<AuthenticatedSession> byKeyHash(String keyHash) {
        return dsl.select(ALL).from(T).where(KEY_HASH.eq(keyHash)).fetchOptional(SessionStore::map);
    }

    /** A session with its user, in one query: the request authentication path. */
    public record WithUser(AuthenticatedSession session, User user) {
    }

    public Optional<WithUser> byKeyHashWithUser(String keyHash) {
        List<Field<?>> fields = new ArrayList<>(ALL);
        fields.addAll(CoreTables.Users.ALL);
        return dsl.select(fields).from(T).join(CoreTables.Users.T).on(USER.eq(CoreTables.Users.ID))
                .where(KEY_HASH.eq(keyHash))
                .fetchOptional(r -> new WithUser(map(r), UserStore.map(r)));
    }

    public void touch(UUID uuid, Instant when) {
        dsl.update(T).set(LAST_USED, when).where(UUID_.eq(uuid)).execute();
    }

    /** Deletes the session and publishes ({@value ChangeFeed#SESSION}, its key hash) so every process drops it. */
    public boolean delete(UUID uuid) {
        List<String> hashes = dsl.deleteFrom(T).where(UUID_.eq(uuid)).returningResult(KEY_HASH).fetch(KEY_HASH);
        hashes.forEach(h -> ChangeFeed.of(dsl).publish(ChangeFeed.SESSION, h));
        return !hashes.isEmpty();
    }

    /** Deletes every session of the user and publishes ({@value ChangeFeed#USER}, pk). */
    public int deleteForUser(long user) {
        int n = dsl.deleteFrom(T).where(USER.eq(user)).execute();
        ChangeFeed.of(dsl).publish(ChangeFeed.USER, Long.toString(user));
        return n;
    }

    /**
     * Deletes every session of the user except {@code keep} (null: all of them), with the proxy sessions that hang
     * off them, and publishes each key hash ({@value ChangeFeed#SESSION}) and ({@value ChangeFeed#USER}, pk) so
     * every process drops them and what it derived from them (LDAP binds, cached forward-auth sessions).
     */
    public int deleteForUserExcept(long user, UUID keep) {
        org.jooq.Condition which = keep == null ? USER.eq(user) : USER.eq(user).and(UUID_.ne(keep));
        List<String> hashes = dsl.deleteFrom(T).where(which).returningResult(KEY_HASH).fetch(KEY_HASH);
        hashes.forEach(h -> ChangeFeed.of(dsl).publish(ChangeFeed.SESSION, h));
        ChangeFeed.of(dsl).publish(ChangeFeed.USER, Long.toString(user));
        return hashes.size();
    }

    /** Publishes nothing: an expired session is refused by its expiry, cached or not. */
    public int deleteExpired(Instant now) {
        return dsl.deleteFrom(T).where(EXPIRES.le(now)).execute();
    }

    /** Sessions visible to a caller: all of them, or only the caller's own. */
    public Page<AuthenticatedSession> list(PageRequest req, Long onlyUser) {
        return LISTING.fetch(dsl, req, onlyUser == null ? null : USER.eq(onlyUser));
    }
}
