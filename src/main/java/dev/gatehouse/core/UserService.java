package dev.gatehouse.core;

import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.store.Database;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/** Users: create, change, delete, passwords, and the derived facts (superuser, group attributes). */
public final class UserService {
    private final Database db;
    private final PasswordHasher hasher;
    private final SignIns signIns;

    public UserService(Database db, PasswordHasher hasher, SignIns signIns) {
        this.db = db;
        this.hasher = hasher;
        this.signIns = signIns;
    }

    public User create(Actor actor, UserChanges c) {
        return db.tx(dsl -> create(dsl, actor, c));
    }

    private User create(DSLContext dsl, Actor actor, UserChanges c) {
        {
            Validation v = validate(dsl, c, 0);
            v.check(c.username() != null, "username", "This field is required.");
            v.throwIfInvalid();
            String hash = c.passwordHash() != null ? c.passwordHash() : PasswordHasher.unusable();
            User u = new UserStore(dsl).insert(c.username(), orEmpty(c.name()), orEmpty(c.email()), hash,
                    c.isActive() == null || c.isActive(), c.type() == null ? UserType.INTERNAL : c.type(),
                    c.path() == null ? "users" : c.path(), c.attributes() == null ? Map.of() : c.attributes());
            if (c.groups() != null) {
                new GroupStore(dsl).setUserGroups(u.pk(), new HashSet<>(c.groups()));
            }
            EventLog.modelCreated(dsl, actor, "user", u.pk(), u.username());
            return u;
        }
    }

    public User update(Actor actor, long pk, UserChanges c) {
        User u = db.tx(dsl -> update(dsl, actor, pk, c));
        db.userCaches().invalidate(pk);
        return u;
    }

    private User update(DSLContext dsl, Actor actor, long pk, UserChanges c) {
        {
            User old = new UserStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            validate(dsl, c, pk).throwIfInvalid();
            User u = new User(old.pk(), old.uuid(), pick(c.username(), old.username()), pick(c.name(), old.name()),
                    pick(c.email(), old.email()), old.passwordHash(), old.passwordChangeDate(),
                    pick(c.isActive(), old.isActive()), pick(c.type(), old.type()), pick(c.path(), old.path()),
                    pick(c.attributes(), old.attributes()), old.lastLogin(), old.dateJoined());
            new UserStore(dsl).update(u);
            if (c.groups() != null) {
                new GroupStore(dsl).setUserGroups(pk, new HashSet<>(c.groups()));
            }
            if (c.passwordHash() != null) {
                new UserStore(dsl).setPassword(pk, c.passwordHash(), Instant.now());
                passwordChanged(dsl, pk, actor);
            }
            EventLog.modelUpdated(dsl, actor, "user", u.pk(), u.username());
            return new UserStore(dsl).byPk(pk).orElseThrow();
        }
    }

    /**
     * A flow's user_write: creates the user ({@code existing} null) or updates it, and sets the password when
     * one is given — all in one transaction, recorded as a {@code user_write} event (without the password)
     * and, with a password, a {@code password_set} event. {@code existing} is the user as the flow saw it:
     * if its password changed since (another flow or an admin got there first), nothing is written and
     * {@link ConcurrentChangeException} is thrown — the row is locked for the check, so of several flows
     * racing on one account exactly one writes.
     */
    public User write(Actor actor, User existing, UserChanges c, String password, Map<String, Object> written) {
        return write(actor, existing, c, password, written, (dsl, u) -> { });
    }

    /**
     * As above; {@code alsoInTransaction} runs inside the same transaction right after the write (an invitation
     * used up by it): an exception from it undoes the write and propagates.
     */
    public User write(Actor actor, User existing, UserChanges c, String password, Map<String, Object> written,
                      java.util.function.BiConsumer<DSLContext, User> alsoInTransaction) {
        String hash = password == null ? null : hasher.hash(password);
        UserChanges changes = new UserChanges(c.username(), c.name(), c.email(), c.isActive(), c.type(), c.path(),
                c.attributes(), c.groups(), hash);
        User result = db.tx(dsl -> {
            if (existing != null) {
                User now = new UserStore(dsl).lockByPk(existing.pk()).orElseThrow(NotFoundException::new);
                if (!java.util.Objects.equals(now.passwordHash(), existing.passwordHash())) {
                    throw new ConcurrentChangeException();
                }
            }
            User u = existing == null ? create(dsl, actor, changes) : update(dsl, actor, existing.pk(), changes);
            Map<String, Object> ctx = new LinkedHashMap<>(written);
            ctx.put("created", existing == null);
            ctx.put("user", Map.of("pk", u.pk(), "username", u.username()));
            EventLog.record(dsl, "user_write", actor, ctx);
            if (hash != null) {
                EventLog.record(dsl, "password_set", actor, new LinkedHashMap<>(Map.of("user",
                        Map.of("pk", u.pk(), "username", u.username()))));
            }
            alsoInTransaction.accept(dsl, u);
            return u;
        });
        if (existing != null) {
            db.userCaches().invalidate(existing.pk());
        }
        return result;
    }

    private static Validation validate(DSLContext dsl, UserChanges c, long pk) {
        Validation v = new Validation();
        UserChanges.DEFINITION.check(c, v::error);
        if (c.username() != null && !c.username().isBlank() && new UserStore(dsl).usernameTaken(c.username(), pk)) {
            v.error("username", "This field must be unique.");
        }
        if (c.path() != null && (c.path().startsWith("/") || c.path().endsWith("/") || c.path().isBlank())) {
            v.error("path", "No leading or trailing slashes allowed.");
        }
        if (c.groups() != null && !new GroupStore(dsl).existing(c.groups()).containsAll(c.groups())) {
            v.error("groups", "Invalid pk - object does not exist.");
        }
        if (c.passwordHash() != null && !PasswordHasher.recognised(c.passwordHash())) {
            v.error("password_hash", "Not a supported password hash (argon2, bcrypt, pbkdf2_sha256).");
        }
        return v;
    }

    public void delete(Actor actor, long pk) {
        db.txRun(dsl -> {
            User u = new UserStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            new UserStore(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, "user", u.pk(), u.username());
        });
        db.userCaches().invalidate(pk);
    }

    /** Sets a new password (argon2id) and records a {@code password_set} event. */
    public void setPassword(Actor actor, long pk, String password) {
        String hash = hasher.hash(password);
        db.txRun(dsl -> {
            User u = new UserStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            new UserStore(dsl).setPassword(pk, hash, Instant.now());
            passwordChanged(dsl, pk, actor);
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("user", Map.of("pk", u.pk(), "username", u.username()));
            EventLog.record(dsl, "password_set", actor, ctx);
        });
        db.userCaches().invalidate(pk);
    }

    /**
     * A password was set or changed (by the user in a flow, or by an admin): every other sign-in of the user ends,
     * in the transaction that changed it. Its browser sessions but the one that made the change
     * ({@link Actor#session}; an admin's own session is never one of another user's), with the proxy sessions that
     * hang off them and their tokens; every OAuth refresh token it holds; and, through the {@link
     * dev.gatehouse.store.ChangeFeed} in every process, the LDAP binds remembered from its old password or ended
     * sessions and the cached forward-auth sessions. API tokens and app passwords are separate credentials and
     * stay.
     */
    private void passwordChanged(DSLContext dsl, long user, Actor actor) {
        signIns.endAllBut(dsl, user, actor.session());
    }

    /**
     * Checks a password. On success with an imported or outdated hash, stores an argon2id hash in its place.
     * Unknown users are checked against a dummy hash, so timing does not tell whether the user exists.
     */
    public boolean checkPassword(User user, String password) {
        if (user == null || !user.hasUsablePassword()) {
            hasher.dummyCheck(password == null ? "" : password);
            return false;
        }
        if (!hasher.verify(password, user.passwordHash())) {
            return false;
        }
        if (hasher.needsRehash(user.passwordHash())) {
            String fresh = hasher.hash(password);
            db.txRun(dsl -> new UserStore(dsl).replaceHash(user.pk(), user.passwordHash(), fresh));
        }
        return true;
    }

    public Optional<User> byPk(long pk) {
        return new UserStore(db.dsl()).byPk(pk);
    }

    public Optional<User> byUsername(String username) {
        return new UserStore(db.dsl()).byUsername(username);
    }

    public boolean isSuperuser(User user) {
        return new GroupStore(db.dsl()).isSuperuser(user.pk());
    }

    /** authentik's {@code group_attributes()}: every group's attributes deep-merged, the user's own on top. */
    public Map<String, Object> groupAttributes(User user) {
        return UserGroups.of(db.dsl(), user.pk()).attributes(user);
    }

    public List<UUID> directGroups(long userPk) {
        return new GroupStore(db.dsl()).directGroupsOfUser(userPk);
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static <T> T pick(T changed, T old) {
        return changed != null ? changed : old;
    }

    public static Set<UUID> asSet(List<UUID> l) {
        return l == null ? Set.of() : new HashSet<>(l);
    }
}
