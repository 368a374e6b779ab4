package dev.gatehouse.bootstrap;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Brand;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.Group;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.Token;
import dev.gatehouse.core.TokenIntent;
import dev.gatehouse.core.TokenService;
import dev.gatehouse.core.TokenStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.crypto.certificatekeypairs.DefaultKeyPair;
import dev.gatehouse.crypto.certificatekeypairs.KeyMaterial;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.provider.oauth2.OAuth2ProviderStore;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.SystemStateStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * First-start set-up, run on every start and idempotent. On an empty database it creates {@code akadmin}
 * (no usable password), the superuser group {@code authentik Admins} with akadmin in it, and the default
 * brand; the default flows and the default certificate-key pair are created once, too.
 * {@code BOOTSTRAP_PASSWORD/_TOKEN/_EMAIL} are applied once each and only while the admin has not
 * set that value itself, so a later change by an admin is never overwritten.
 */
public final class Bootstrap {
    public static final String ADMIN_USERNAME = "akadmin";
    public static final String ADMIN_GROUP = "authentik Admins";
    public static final String TOKEN_IDENTIFIER = "authentik-bootstrap-token";
    public static final String TOKEN_MANAGED = "goauthentik.io/core/bootstrap-token";
    static final String DONE = "bootstrap.done";
    /** Set once the OAuth2 client secrets stored in plaintext by earlier versions are sealed (V15). */
    static final String SECRETS_SEALED = "oauth2.client_secrets_sealed";

    private final Database db;
    private final PasswordHasher hasher;
    private final PrivateKeyCipher keyCipher;

    /** {@code keyCipher} seals the default key pair's private key (derived from SECRET_KEY). */
    public Bootstrap(Database db, PasswordHasher hasher, PrivateKeyCipher keyCipher) {
        this.db = db;
        this.hasher = hasher;
        this.keyCipher = keyCipher;
    }

    /** What start-up needs to know afterwards. */
    public record Result(String installId, boolean adminNeedsSetup) {
    }

    public Result run(GatehouseConfig config) {
        return run(config.bootstrapPassword(), config.bootstrapToken(), config.bootstrapEmail());
    }

    public Result run(Optional<String> password, Optional<String> token, Optional<String> email) {
        // Hash outside the transaction, and only when the password could still be applied.
        String passwordHash = password.isPresent() && passwordMayApply() ? hasher.hash(password.get()) : null;
        // Likewise generate the default key pair (RSA key generation is slow) before taking the lock.
        KeyMaterial defaultKey = DefaultKeyPair.generateIfNeeded(db.dsl());
        return db.tx(dsl -> {
            if (db.dialect() == SQLDialect.POSTGRES) {
                dsl.fetch("SELECT pg_advisory_xact_lock(7403921)");
            }
            String installId = new SystemStateStore(dsl).putIfAbsent("install_id", UUID.randomUUID().toString());
            if (new SystemStateStore(dsl).get(DONE).isEmpty()) {
                firstStart(dsl);
                new SystemStateStore(dsl).putIfAbsent(DONE, Instant.now().toString());
            }
            dev.gatehouse.bootstrap.DefaultFlows.ensure(dsl);
            DefaultKeyPair.ensure(dsl, keyCipher, defaultKey);
            dev.gatehouse.provider.oauth2.scope.DefaultScopeMappings.ensure(dsl);
            dev.gatehouse.outpost.EmbeddedOutpost.ensure(dsl);
            if (once(dsl, SECRETS_SEALED)) {
                new OAuth2ProviderStore(dsl).sealPlaintextSecrets();
            }
            Optional<User> admin = new UserStore(dsl).byUsername(ADMIN_USERNAME);
            if (admin.isPresent()) {
                applyEnvironment(dsl, admin.get(), passwordHash, token, email);
                admin = new UserStore(dsl).byUsername(ADMIN_USERNAME);
            }
            return new Result(installId, admin.isPresent() && !admin.get().hasUsablePassword());
        });
    }

    private boolean passwordMayApply() {
        DSLContext dsl = db.dsl();
        return new SystemStateStore(dsl).get("bootstrap.password").isEmpty()
                && new UserStore(dsl).byUsername(ADMIN_USERNAME).map(u -> !u.hasUsablePassword()).orElse(true);
    }

    private static void firstStart(DSLContext dsl) {
        Group admins = new GroupStore(dsl).byName(ADMIN_GROUP).orElseGet(() -> {
            Group g = new GroupStore(dsl).insert(ADMIN_GROUP, true, Map.of());
            EventLog.modelCreated(dsl, Actor.SYSTEM, "group", g.pk(), g.name());
            return g;
        });
        User admin = new UserStore(dsl).byUsername(ADMIN_USERNAME).orElseGet(() -> {
            User u = new UserStore(dsl).insert(ADMIN_USERNAME, "authentik Default Admin", "", PasswordHasher.unusable(),
                    true, UserType.INTERNAL, "users", Map.of());
            EventLog.modelCreated(dsl, Actor.SYSTEM, "user", u.pk(), u.username());
            return u;
        });
        new GroupStore(dsl).addMember(admins.pk(), admin.pk());
        if (new BrandStore(dsl).defaultBrand().isEmpty()) {
            Brand b = new BrandStore(dsl).insertDefault("authentik-default", BrandStore.FALLBACK_TITLE);
            EventLog.modelCreated(dsl, Actor.SYSTEM, "brand", b.pk(), b.domain());
        }
    }

    private static void applyEnvironment(DSLContext dsl, User admin, String passwordHash, Optional<String> token,
                                         Optional<String> email) {
        if (passwordHash != null && !admin.hasUsablePassword() && once(dsl, "bootstrap.password")) {
            new UserStore(dsl).setPassword(admin.pk(), passwordHash, Instant.now());
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("user", Map.of("pk", admin.pk(), "username", admin.username()));
            ctx.put("source", "bootstrap");
            EventLog.record(dsl, "password_set", Actor.SYSTEM, ctx);
        }
        if (email.isPresent() && admin.email().isEmpty() && once(dsl, "bootstrap.email")) {
            new UserStore(dsl).update(new User(admin.pk(), admin.uuid(), admin.username(), admin.name(), email.get(),
                    admin.passwordHash(), admin.passwordChangeDate(), admin.isActive(), admin.type(), admin.path(),
                    admin.attributes(), admin.lastLogin(), admin.dateJoined()));
            EventLog.modelUpdated(dsl, Actor.SYSTEM, "user", admin.pk(), admin.username());
        }
        if (token.isPresent()) {
            String marker = "bootstrap.token." + Secrets.sha256Hex(token.get()).substring(0, 32);
            if (new TokenStore(dsl).byKeyHash(Secrets.sha256Hex(token.get())).isEmpty()
                    && !new TokenStore(dsl).identifierTaken(TOKEN_IDENTIFIER, null) && once(dsl, marker)) {
                Token t = TokenService.insertWithKey(dsl, TOKEN_IDENTIFIER, token.get(), TokenIntent.API, admin.pk(),
                        "Bootstrap token (GATEHOUSE_BOOTSTRAP_TOKEN)", TOKEN_MANAGED);
                EventLog.modelCreated(dsl, Actor.SYSTEM, "token", t.pk(), t.identifier());
            }
        }
    }

    /** True the first time it is asked for {@code name}, false ever after. */
    private static boolean once(DSLContext dsl, String name) {
        if (new SystemStateStore(dsl).get(name).isPresent()) {
            return false;
        }
        new SystemStateStore(dsl).putIfAbsent(name, Instant.now().toString());
        return true;
    }
}
