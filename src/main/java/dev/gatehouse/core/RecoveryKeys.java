package dev.gatehouse.core;

import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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

    /** Creates a key valid for {@code validity}; empty when the user does not exist. */
    public Optional<String> create(String username, Duration validity) {
        String key = Secrets.randomKey(TokenService.KEY_LENGTH);
        return db.tx(dsl -> {
            Stores s = Stores.on(dsl);
            Optional<User> user = s.users().byUsername(username);
            if (user.isEmpty()) {
                return Optional.<String>empty();
            }
            String identifier = "ak-recovery-" + user.get().pk() + "-" + Secrets.randomKey(12);
            Token t = s.tokens().insert(identifier, Secrets.sha256Hex(key), TokenIntent.RECOVERY, user.get().pk(),
                    "Recovery key created on the command line", Instant.now().plus(validity), true, null);
            EventLog.modelCreated(s, Actor.SYSTEM, "token", t.pk(), t.identifier());
            return Optional.of(key);
        });
    }

    /** The user the key belongs to, once: the token is deleted on the way. Empty for unknown/expired keys. */
    public Optional<User> redeem(String key) {
        if (key == null || key.length() != TokenService.KEY_LENGTH) {
            return Optional.empty();
        }
        return db.tx(dsl -> {
            Stores s = Stores.on(dsl);
            Optional<Token> token = s.tokens().byKeyHash(Secrets.sha256Hex(key))
                    .filter(t -> t.intent() == TokenIntent.RECOVERY);
            if (token.isEmpty() || !s.tokens().delete(token.get().pk())) {
                return Optional.<User>empty();
            }
            EventLog.modelDeleted(s, Actor.SYSTEM, "token", token.get().pk(), token.get().identifier());
            if (token.get().expired(Instant.now())) {
                return Optional.<User>empty();
            }
            return s.users().byPk(token.get().user()).filter(User::isActive);
        });
    }
}
