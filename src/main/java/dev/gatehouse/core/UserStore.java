package dev.gatehouse.core;

import static dev.gatehouse.core.CoreTables.Users.*;

import dev.gatehouse.core.Json;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserType;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code core_user}. */
public final class UserStore {
    public static final Listing<User> LISTING = Listing.of(T, ALL, ID, UserStore::map)
            .filter("pk", ID).filter("uuid", UUID_).filter("username", USERNAME).filter("email", EMAIL)
            .filter("name", NAME).filter("is_active", IS_ACTIVE).filter("type", TYPE).filter("path", PATH)
            .search(USERNAME, NAME, EMAIL)
            .order("pk", ID).order("username", USERNAME).order("name", NAME).order("email", EMAIL)
            .order("last_login", LAST_LOGIN).order("date_joined", DATE_JOINED)
            .defaultOrder(USERNAME.asc())
            .build();

    private final DSLContext dsl;

    public UserStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public static User map(Record r) {
        return new User(r.get(ID), r.get(UUID_), r.get(USERNAME), r.get(NAME), r.get(EMAIL), r.get(PASSWORD),
                r.get(PASSWORD_CHANGE_DATE), r.get(IS_ACTIVE), UserType.parse(r.get(TYPE)), r.get(PATH),
                Json.map(r.get(ATTRIBUTES)), r.get(LAST_LOGIN), r.get(DATE_JOINED));
    }

    public User insert(String username, String name, String email, String passwordHash, boolean active,
                       UserType type, String path, Map<String, Object> attributes) {
        Instant now = Instant.now();
        Long id = dsl.insertInto(T)
                .set(UUID_, UUID.randomUUID())
                .set(USERNAME, username).set(NAME, name).set(EMAIL, email)
                .set(PASSWORD, passwordHash).set(PASSWORD_CHANGE_DATE, now)
                .set(IS_ACTIVE, active).set(TYPE, type.wire()).set(PATH, path)
                .set(ATTRIBUTES, Json.write(attributes)).set(DATE_JOINED, now)
                .returningResult(ID).fetchOne(ID);
        changed(id);
        return byPk(id).orElseThrow();
    }

    /**
     * Writes the editable fields of the user (not the password, see {@link #setPassword}). This and the other
     * writes below publish ({@value ChangeFeed#USER}, pk) for the caches holding the user ({@link #setLastLogin}
     * does not: nothing decides on it).
     */
    public void update(User u) {
        dsl.update(T)
                .set(USERNAME, u.username()).set(NAME, u.name()).set(EMAIL, u.email())
                .set(IS_ACTIVE, u.isActive()).set(TYPE, u.type().wire()).set(PATH, u.path())
                .set(ATTRIBUTES, Json.write(u.attributes()))
                .where(ID.eq(u.pk())).execute();
        changed(u.pk());
    }

    public void setPassword(long pk, String hash, Instant changed) {
        dsl.update(T).set(PASSWORD, hash).set(PASSWORD_CHANGE_DATE, changed).where(ID.eq(pk)).execute();
        changed(pk);
    }

    /** Replaces an imported hash by a current one without touching the change date. */
    public void replaceHash(long pk, String oldHash, String newHash) {
        dsl.update(T).set(PASSWORD, newHash).where(ID.eq(pk)).and(PASSWORD.eq(oldHash)).execute();
        changed(pk);
    }

    private void changed(long pk) {
        ChangeFeed.of(dsl).publish(ChangeFeed.USER, Long.toString(pk));
    }

    public void setLastLogin(long pk, Instant when) {
        dsl.update(T).set(LAST_LOGIN, when).where(ID.eq(pk)).execute();
    }

    public Optional<User> byPk(long pk) {
        return dsl.select(ALL).from(T).where(ID.eq(pk)).fetchOptional(UserStore::map);
    }

    /** The row, locked until the transaction ends (SELECT … FOR UPDATE). */
    public Optional<User> lockByPk(long pk) {
        return dsl.select(ALL).from(T).where(ID.eq(pk)).forUpdate().fetchOptional(UserStore::map);
    }

    public Optional<User> byUsername(String username) {
        return dsl.select(ALL).from(T).where(USERNAME.eq(username)).fetchOptional(UserStore::map);
    }

    /**
     * The user a login form's identifier names: by username and/or email, optionally ignoring case.
     * An identifier matching several users by email names none of them.
     */
    public Optional<User> findForLogin(String identifier, boolean byUsername, boolean byEmail, boolean ignoreCase) {
        if (byUsername) {
            // The exact name first: an index lookup. Only then the case-insensitive match, which scans (H2 has no
            // expression index); when two names differ only in case, the exact one wins either way.
            Optional<User> exact = dsl.select(ALL).from(T).where(USERNAME.eq(identifier)).fetchOptional(UserStore::map);
            if (exact.isPresent()) {
                return exact;
            }
            if (ignoreCase) {
                Optional<User> folded = dsl.select(ALL).from(T)
                        .where(org.jooq.impl.DSL.lower(USERNAME).eq(identifier.toLowerCase(java.util.Locale.ROOT)))
                        .limit(1).fetchOptional(UserStore::map);
                if (folded.isPresent()) {
                    return folded;
                }
            }
        }
        if (byEmail && identifier.contains("@")) {
            List<User> found = dsl.select(ALL).from(T)
                    .where(ignoreCase ? org.jooq.impl.DSL.lower(EMAIL).eq(identifier.toLowerCase(java.util.Locale.ROOT))
                            : EMAIL.eq(identifier))
                    .limit(2).fetch(UserStore::map);
            return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
        }
        return Optional.empty();
    }

    public boolean usernameTaken(String username, long exceptPk) {
        return dsl.fetchExists(T, USERNAME.eq(username).and(ID.ne(exceptPk)));
    }

    /** Every user, by pk (the LDAP directory is built from them). */
    public List<User> all() {
        return dsl.select(ALL).from(T).orderBy(ID).fetch(UserStore::map);
    }

    public List<User> byPks(java.util.Collection<Long> pks) {
        return dsl.select(ALL).from(T).where(ID.in(pks)).orderBy(USERNAME).fetch(UserStore::map);
    }

    /** Deletes the user, and with it (ON DELETE CASCADE) its sessions, memberships, tokens and grants. */
    public boolean delete(long pk) {
        boolean deleted = dsl.deleteFrom(T).where(ID.eq(pk)).execute() > 0;
        changed(pk);
        return deleted;
    }

    public Page<User> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }
}
