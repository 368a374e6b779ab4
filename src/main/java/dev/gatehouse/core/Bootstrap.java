package dev.gatehouse.core;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.crypto.certificatekeypairs.DefaultKeyPair;
import dev.gatehouse.crypto.certificatekeypairs.KeyMaterial;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
        KeyMaterial defaultKey = DefaultKeyPair.generateIfNeeded(Stores.on(db.dsl()));
        return db.tx(dsl -> {
            if (db.dialect() == SQLDialect.POSTGRES) {
                dsl.fetch("SELECT pg_advisory_xact_lock(7403921)");
            }
            Stores s = Stores.on(dsl);
            String installId = s.state().putIfAbsent("install_id", UUID.randomUUID().toString());
            if (s.state().get(DONE).isEmpty()) {
                firstStart(s);
                s.state().putIfAbsent(DONE, Instant.now().toString());
            }
            dev.gatehouse.flow.DefaultFlows.ensure(s);
            DefaultKeyPair.ensure(s, keyCipher, defaultKey);
            dev.gatehouse.provider.oauth2.scope.DefaultScopeMappings.ensure(s);
            dev.gatehouse.outpost.EmbeddedOutpost.ensure(s);
            if (once(s, SECRETS_SEALED)) {
                s.oauth2Providers().sealPlaintextSecrets();
            }
            Optional<User> admin = s.users().byUsername(ADMIN_USERNAME);
            if (admin.isPresent()) {
                applyEnvironment(s, admin.get(), passwordHash, token, email);
                admin = s.users().byUsername(ADMIN_USERNAME);
            }
            return new Result(installId, admin.isPresent() && !admin.get().hasUsablePassword());
        });
    }

    private boolean passwordMayApply() {
        Stores s = Stores.on(db.dsl());
        return s.state().get("bootstrap.password").isEmpty()
                && s.users().byUsername(ADMIN_USERNAME).map(u -> !u.hasUsablePassword()).orElse(true);
    }

    private static void firstStart(Stores s) {
        Group admins = s.groups().byName(ADMIN_GROUP).orElseGet(() -> {
            Group g = s.groups().insert(ADMIN_GROUP, true, Map.of());
            EventLog.modelCreated(s, Actor.SYSTEM, "group", g.pk(), g.name());
            return g;
        });
        User admin = s.users().byUsername(ADMIN_USERNAME).orElseGet(() -> {
            User u = s.users().insert(ADMIN_USERNAME, "authentik Default Admin", "", PasswordHasher.unusable(),
                    true, UserType.INTERNAL, "users", Map.of());
            EventLog.modelCreated(s, Actor.SYSTEM, "user", u.pk(), u.username());
            return u;
        });
        s.groups().addMember(admins.pk(), admin.pk());
        if (s.brands().defaultBrand().isEmpty()) {
            Brand b = s.brands().insertDefault("authentik-default", "authentik");
            EventLog.modelCreated(s, Actor.SYSTEM, "brand", b.pk(), b.domain());
        }
    }

    private static void applyEnvironment(Stores s, User admin, String passwordHash, Optional<String> token,
                                         Optional<String> email) {
        if (passwordHash != null && !admin.hasUsablePassword() && once(s, "bootstrap.password")) {
            s.users().setPassword(admin.pk(), passwordHash, Instant.now());
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("user", Map.of("pk", admin.pk(), "username", admin.username()));
            ctx.put("source", "bootstrap");
            EventLog.record(s, "password_set", Actor.SYSTEM, ctx);
        }
        if (email.isPresent() && admin.email().isEmpty() && once(s, "bootstrap.email")) {
            s.users().update(new User(admin.pk(), admin.uuid(), admin.username(), admin.name(), email.get(),
                    admin.passwordHash(), admin.passwordChangeDate(), admin.isActive(), admin.type(), admin.path(),
                    admin.attributes(), admin.lastLogin(), admin.dateJoined()));
            EventLog.modelUpdated(s, Actor.SYSTEM, "user", admin.pk(), admin.username());
        }
        if (token.isPresent()) {
            String marker = "bootstrap.token." + Secrets.sha256Hex(token.get()).substring(0, 32);
            if (s.tokens().byKeyHash(Secrets.sha256Hex(token.get())).isEmpty()
                    && !s.tokens().identifierTaken(TOKEN_IDENTIFIER, null) && once(s, marker)) {
                Token t = TokenService.insertWithKey(s, TOKEN_IDENTIFIER, token.get(), TokenIntent.API, admin.pk(),
                        "Bootstrap token (GATEHOUSE_BOOTSTRAP_TOKEN)", TOKEN_MANAGED);
                EventLog.modelCreated(s, Actor.SYSTEM, "token", t.pk(), t.identifier());
            }
        }
    }

    /** True the first time it is asked for {@code name}, false ever after. */
    private static boolean once(Stores s, String name) {
        if (s.state().get(name).isPresent()) {
            return false;
        }
        s.state().putIfAbsent(name, Instant.now().toString());
        return true;
    }
}
