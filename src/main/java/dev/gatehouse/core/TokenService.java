package dev.gatehouse.core;

import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Tokens. A key is 64 random characters, returned once by {@link #create}; only its SHA-256 is stored,
 * and a presented key is found by hashing it. Expiring tokens default to 30 minutes, as authentik.
 * <p>
 * A non-superuser's own tokens (api and app_password) expire within {@link #MAX_USER_VALIDITY} of the request
 * that sets the expiry: otherwise a user could mint a practically permanent credential (year 9999) that outlives
 * the password and every session. Superusers are not capped: they may create tokens that never expire anyway.
 */
public final class TokenService {
    public static final int KEY_LENGTH = 64;
    public static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(30);
    /** The longest expiry a non-superuser may give its own token, counted from the request that sets it. */
    public static final Duration MAX_USER_VALIDITY = Duration.ofDays(365);
    private final Database db;

    public TokenService(Database db) {
        this.db = db;
    }

    /**
     * Creates a token. A non-superuser may only create expiring api and app_password tokens for itself
     * (as authentik: user-created tokens expire).
     */
    public IssuedToken create(Actor actor, boolean actorIsSuperuser, TokenChanges c) {
        String key = Secrets.randomKey(KEY_LENGTH);
        return db.tx(dsl -> {
            Validation v = new Validation();
            v.check(c.identifier() != null, "identifier", "This field is required.");
            TokenChanges.DEFINITION.check(c, v::error);
            if (c.identifier() != null && !c.identifier().isBlank() && new TokenStore(dsl).identifierTaken(c.identifier(), null)) {
                v.error("identifier", "Token with this identifier already exists.");
            }
            TokenIntent intent = c.intent() == null ? TokenIntent.API : c.intent();
            if (!actorIsSuperuser && intent != TokenIntent.API && intent != TokenIntent.APP_PASSWORD) {
                v.error("intent", "Only api and app_password tokens can be created.");
            }
            long owner = c.user() != null ? c.user() : actor.user().pk();
            if (!actorIsSuperuser && owner != actor.user().pk()) {
                v.error("user", "Only superusers can create tokens for other users.");
            } else if (new UserStore(dsl).byPk(owner).isEmpty()) {
                v.error("user", "Invalid pk \"" + owner + "\" - object does not exist.");
            }
            boolean expiring = c.expiring() == null || c.expiring();
            if (!actorIsSuperuser && !expiring) {
                v.error("expiring", "Only superusers can create tokens that never expire.");
            }
            Instant expires = c.expires() != null && c.expires().isPresent() ? c.expires().get()
                    : Instant.now().plus(DEFAULT_VALIDITY);
            capExpiry(v, actorIsSuperuser, expires);
            v.throwIfInvalid();
            Token t = new TokenStore(dsl).insert(c.identifier(), Secrets.sha256Hex(key), intent, owner,
                    c.description() == null ? "" : c.description(), expires, expiring, null);
            EventLog.modelCreated(dsl, actor, "token", t.pk(), t.identifier());
            return new IssuedToken(t, key);
        });
    }

    /** A non-superuser's expiry must lie within {@link #MAX_USER_VALIDITY} from now. */
    private static void capExpiry(Validation v, boolean actorIsSuperuser, Instant expires) {
        Instant latest = Instant.now().plus(MAX_USER_VALIDITY);
        v.check(actorIsSuperuser || expires == null || !expires.isAfter(latest), "expires",
                "Ensure this value is no later than " + latest.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + ": your tokens expire within " + MAX_USER_VALIDITY.toDays() + " days.");
    }

    /** Inserts a token with a given key (bootstrap); the caller runs it inside its transaction. */
    public static Token insertWithKey(DSLContext dsl, String identifier, String key, TokenIntent intent, long user,
                                      String description, String managed) {
        return new TokenStore(dsl).insert(identifier, Secrets.sha256Hex(key), intent, user, description, null, false, managed);
    }

    public Token update(Actor actor, boolean actorIsSuperuser, Token old, TokenChanges c) {
        return db.tx(dsl -> {
            Validation v = new Validation();
            TokenChanges.DEFINITION.check(c, v::error);
            if (c.identifier() != null && !c.identifier().isBlank() && new TokenStore(dsl).identifierTaken(c.identifier(), old.pk())) {
                v.error("identifier", "Token with this identifier already exists.");
            }
            v.check(c.intent() == null || c.intent() == old.intent(), "intent", "The intent of a token cannot change.");
            v.check(c.user() == null || c.user() == old.user(), "user", "The owner of a token cannot change.");
            v.check(actorIsSuperuser || c.expiring() == null || c.expiring(), "expiring",
                    "Only superusers can make a token never expire.");
            boolean expiring = UserService.pick(c.expiring(), old.expiring());
            Instant expires = c.expires() == null ? old.expires() : c.expires().orElse(null);
            v.check(!expiring || expires != null, "expires", "An expiring token needs an expiry date.");
            if (c.expires() != null) {
                capExpiry(v, actorIsSuperuser, expires);
            }
            v.throwIfInvalid();
            Token t = new Token(old.pk(), UserService.pick(c.identifier(), old.identifier()), old.keyHash(),
                    old.intent(), old.user(), UserService.pick(c.description(), old.description()),
                    expires, expiring, old.managed(), old.created());
            new TokenStore(dsl).update(t);
            EventLog.modelUpdated(dsl, actor, "token", t.pk(), t.identifier());
            return new TokenStore(dsl).byIdentifier(t.identifier()).orElseThrow();
        });
    }

    public void delete(Actor actor, Token t) {
        db.txRun(dsl -> {
            new TokenStore(dsl).delete(t.pk());
            EventLog.modelDeleted(dsl, actor, "token", t.pk(), t.identifier());
        });
    }

    public Optional<Token> byIdentifier(String identifier) {
        return new TokenStore(db.dsl()).byIdentifier(identifier);
    }

    /** Resolves a presented API key: an unexpired api-intent token of an active user. */
    public Optional<ApiPrincipal> authenticateApiKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 512) {
            return Optional.empty();
        }
        DSLContext dsl = db.dsl();
        Optional<dev.gatehouse.core.TokenStore.WithOwner> found = new TokenStore(dsl).byKeyHashWithOwner(Secrets.sha256Hex(key));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Token token = found.get().token();
        User user = found.get().owner();
        if (token.intent() != TokenIntent.API || token.expired(Instant.now()) || !user.isActive()) {
            return Optional.empty();
        }
        return Optional.of(new ApiPrincipal(user, new GroupStore(dsl).isSuperuser(user.pk()), token));
    }
}
