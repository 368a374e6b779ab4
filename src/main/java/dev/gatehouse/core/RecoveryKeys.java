package dev.gatehouse.core;

import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * One-time recovery keys ({@code create_recovery_key}): a recovery-intent token whose key, opened at
 * {@code /recovery/use-token/<key>/}, signs its user in once. Redeeming deletes the token in the same
 * transaction that finds it, so two concurrent uses cannot both succeed.
 */
public final class RecoveryKeys {
    private final Database db;

    public RecoveryKeys(Database db) {
        this.db = db;
    }

    /** Creates a key valid for {@code validity} (on the command line); empty when the user does not exist. */
    public Optional<String> create(String username, Duration validity) {
        return db.tx(dsl -> {
            Optional<User> user = new UserStore(dsl).byUsername(username);
            return user.isEmpty() ? Optional.<String>empty()
                    : Optional.of(insert(dsl, Actor.SYSTEM, user.get(), validity, "Recovery key created on the command line"));
        });
    }

    /** Creates a key for the user {@code pk}, valid for {@code validity}, by {@code actor} (an admin); empty when no such user. */
    public Optional<String> create(Actor actor, long pk, Duration validity) {
        return db.tx(dsl -> {
            Optional<User> user = new UserStore(dsl).byPk(pk);
            return user.isEmpty() ? Optional.<String>empty()
                    : Optional.of(insert(dsl, actor, user.get(), validity, "Recovery link created by an administrator"));
        });
    }

    private static String insert(DSLContext dsl, Actor actor, User user, Duration validity, String description) {
        String key = Secrets.randomKey(TokenService.KEY_LENGTH);
        String identifier = "ak-recovery-" + user.pk() + "-" + Secrets.randomKey(12);
        Token t = new TokenStore(dsl).insert(identifier, Secrets.sha256Hex(key), TokenIntent.RECOVERY, user.pk(),
                description, Instant.now().plus(validity), true, null);
        EventLog.modelCreated(dsl, actor, "token", t.pk(), t.identifier());
        return key;
    }

    /** The user the key belongs to, once: the token is deleted on the way. Empty for unknown/expired keys. */
    public Optional<User> redeem(String key) {
        if (key == null || key.length() != TokenService.KEY_LENGTH) {
            return Optional.empty();
        }
        return db.tx(dsl -> {
            Optional<Token> token = new TokenStore(dsl).byKeyHash(Secrets.sha256Hex(key))
                    .filter(t -> t.intent() == TokenIntent.RECOVERY);
            if (token.isEmpty() || !new TokenStore(dsl).delete(token.get().pk())) {
                return Optional.<User>empty();
            }
            EventLog.modelDeleted(dsl, Actor.SYSTEM, "token", token.get().pk(), token.get().identifier());
            if (token.get().expired(Instant.now())) {
                return Optional.<User>empty();
            }
            return new UserStore(dsl).byPk(token.get().user()).filter(User::isActive);
        });
    }
}
