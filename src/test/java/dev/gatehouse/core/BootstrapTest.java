package dev.gatehouse.core;

import static dev.gatehouse.core.Fixtures.count;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.crypto.certificatekeypairs.CertificateKeyPairService;
import dev.gatehouse.crypto.certificatekeypairs.DefaultKeyPair;
import dev.gatehouse.crypto.certificatekeypairs.KeyType;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.crypto.certificatekeypairs.SigningKey;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.outpost.OutpostStore;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.store.SystemStateStore;
import dev.gatehouse.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BootstrapTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final Optional<String> NONE = Optional.empty();
    private static final String TOKEN = "bootstrapTokenValue0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH";

    private static Bootstrap bootstrap(Database db) {
        return new Bootstrap(db, Fixtures.HASHER, new PrivateKeyCipher("test-secret-key"));
    }

    /** Every row of every core table, as text: two equal snapshots mean nothing was written. */
    private static List<String> snapshot(Database db) {
        List<String> out = new ArrayList<>();
        for (String table : List.of("system_state", "core_user", "core_group", "core_user_group", "core_group_parent",
                "core_token", "core_brand", "core_application", "core_provider", "events_event",
                "crypto_certificatekeypair")) {
            for (Record r : db.dsl().selectFrom(DSL.table(DSL.name(table))).fetch()) {
                out.add(table + ":" + r.formatCSV(false).trim());
            }
        }
        out.sort(null);
        return out;
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void runWhenDatabaseEmptyThenAdminInSuperuserGroupAndDefaultBrand(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Bootstrap.Result result = bootstrap(db).run(NONE, NONE, NONE);

            DSLContext dsl = db.dsl();
            User admin = new UserStore(dsl).byUsername("akadmin").orElseThrow();
            assertThat(admin.hasUsablePassword()).isFalse();
            assertThat(admin.isActive()).isTrue();
            assertThat(admin.type()).isEqualTo(UserType.INTERNAL);
            assertThat(admin.email()).isEmpty();
            Group admins = new GroupStore(dsl).byName("authentik Admins").orElseThrow();
            assertThat(admins.isSuperuser()).isTrue();
            assertThat(new GroupStore(dsl).members(admins.pk())).containsExactly(admin.pk());
            assertThat(new UserService(db, Fixtures.HASHER, new StoredSignIns()).isSuperuser(admin)).isTrue();
            Brand brand = new BrandStore(dsl).defaultBrand().orElseThrow();
            assertThat(brand.isDefault()).isTrue();
            assertThat(brand.domain()).isEqualTo("authentik-default");
            assertThat(result.adminNeedsSetup()).isTrue();
            assertThat(result.installId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(new SystemStateStore(dsl).get("install_id")).contains(result.installId());
            assertThat(count(db, "core_user")).isEqualTo(1);
            assertThat(count(db, "core_group")).isEqualTo(1);
            assertThat(count(db, "core_token")).isZero();
            assertThat(new FlowStore(dsl).bySlug(dev.gatehouse.bootstrap.DefaultFlows.AUTHENTICATION)).isPresent();
            assertThat(new FlowStore(dsl).bySlug(dev.gatehouse.bootstrap.DefaultFlows.INVALIDATION)).isPresent();
            assertThat(new FlowStore(dsl).bySlug(dev.gatehouse.bootstrap.DefaultFlows.IMPLICIT_CONSENT)).isPresent();
            assertThat(new FlowStore(dsl).bySlug(dev.gatehouse.bootstrap.DefaultFlows.EXPLICIT_CONSENT)).isPresent();
            assertThat(new FlowStore(dsl).bySlug(dev.gatehouse.bootstrap.DefaultFlows.INITIAL_SETUP)).isPresent();
            assertThat(new FlowStore(dsl).bySlug(dev.gatehouse.bootstrap.DefaultFlows.WEBAUTHN_SETUP)).isPresent();
            long defaultFlowObjects = count(db, "flows_flow") + count(db, "flows_stage");
            assertThat(defaultFlowObjects).as("13 default flows (3 of them MFA setup flows, the password change, source "
                    + "enrollment, user settings and the two account lockdown flows) and their 23 stages").isEqualTo(36);
            assertThat(count(db, "stages_prompt")).as("the prompts of authentik's default blueprints and of the "
                    + "account lockdown flows").isEqualTo(12);
            assertThat(brand.flowLockdown()).as("the default brand's lockdown flow")
                    .isEqualTo(new FlowStore(dsl).bySlug(dev.gatehouse.bootstrap.DefaultFlows.LOCKDOWN).orElseThrow().pk());
            assertThat(count(db, "crypto_certificatekeypair")).isEqualTo(1);
            assertThat(count(db, "oauth2_scope_mapping")).as("default scope mappings").isEqualTo(5);
            assertThat(new OutpostStore(dsl).byManaged(dev.gatehouse.outpost.EmbeddedOutpost.MANAGED)).hasValueSatisfying(o -> {
                assertThat(o.name()).isEqualTo("authentik Embedded Outpost");
                assertThat(o.type()).isEqualTo("proxy");
                assertThat(o.providers()).isEmpty();
            });
            assertThat(new EventStore(dsl).list(new PageRequest(1, 100, null, null, Map.of("action", "model_created")))
                    .results()).as("group, user and brand, the default flows and stages, the default key pair, scopes, "
                            + "the embedded outpost, the password change's password policy, the default prompts and the user settings' "
                            + "policy")
                    .hasSize(3 + (int) defaultFlowObjects + 1 + 5 + 1 + 1 + 12 + 1);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void runWhenRunTwiceThenSameStateAndSameInstallId(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Bootstrap.Result first = bootstrap(db).run(NONE, NONE, NONE);
            List<String> after1 = snapshot(db);

            Bootstrap.Result second = bootstrap(db).run(NONE, NONE, NONE);

            assertThat(second.installId()).isEqualTo(first.installId());
            assertThat(second.adminNeedsSetup()).isTrue();
            assertThat(snapshot(db)).isEqualTo(after1);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void runTwiceThenOneDefaultKeyPairWithSealedRsaKey(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            bootstrap(db).run(NONE, NONE, NONE);
            bootstrap(db).run(NONE, NONE, NONE);

            CertificateKeyPairService pairs = new CertificateKeyPairService(db, new PrivateKeyCipher("test-secret-key"));
            assertThat(pairs.list(PageRequest.all()).results()).singleElement().satisfies(p -> {
                assertThat(p.name()).isEqualTo(DefaultKeyPair.NAME).isEqualTo("authentik Self-signed Certificate");
                assertThat(p.managed()).isEqualTo(DefaultKeyPair.MANAGED);
                assertThat(p.keyType()).isEqualTo(KeyType.RSA);
                assertThat(((java.security.interfaces.RSAPublicKey) p.certificate().getPublicKey()).getModulus()
                        .bitLength()).isEqualTo(2048);
                assertThat(p.sealedKey()).startsWith("v1:");
                assertThat(SigningKey.canSign(p)).isTrue();
                assertThat(pairs.privateKey(p)).isPresent();
            });
            assertThat(pairs.byManaged(DefaultKeyPair.MANAGED)).isPresent();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void runWhenDefaultKeyPairDeletedThenNotRecreated(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            bootstrap(db).run(NONE, NONE, NONE);
            CertificateKeyPairService pairs = new CertificateKeyPairService(db, new PrivateKeyCipher("test-secret-key"));
            pairs.delete(Actor.SYSTEM, pairs.byManaged(DefaultKeyPair.MANAGED).orElseThrow().pk());

            bootstrap(db).run(NONE, NONE, NONE);

            assertThat(count(db, "crypto_certificatekeypair")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void runWhenEnvironmentGivenThenPasswordEmailAndTokenSetOnceAndIdempotent(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            TokenService tokens = new TokenService(db);

            Bootstrap.Result result = bootstrap(db).run(Optional.of("S3cret-pass"), Optional.of(TOKEN),
                    Optional.of("admin@example.org"));

            assertThat(result.adminNeedsSetup()).isFalse();
            User admin = users.byUsername("akadmin").orElseThrow();
            assertThat(admin.email()).isEqualTo("admin@example.org");
            assertThat(admin.passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
            assertThat(users.checkPassword(admin, "S3cret-pass")).isTrue();
            assertThat(users.checkPassword(admin, "wrong")).isFalse();
            Token t = tokens.byIdentifier(Bootstrap.TOKEN_IDENTIFIER).orElseThrow();
            assertThat(t.intent()).isEqualTo(TokenIntent.API);
            assertThat(t.expiring()).isFalse();
            assertThat(t.expires()).isNull();
            assertThat(t.user()).isEqualTo(admin.pk());
            assertThat(t.keyHash()).isEqualTo(Secrets.sha256Hex(TOKEN));
            for (Record r : db.dsl().selectFrom(DSL.table(DSL.name("core_token"))).fetch()) {
                for (Object v : r.intoArray()) {
                    assertThat(String.valueOf(v)).doesNotContain(TOKEN);
                }
            }
            ApiPrincipal p = tokens.authenticateApiKey(TOKEN).orElseThrow();
            assertThat(p.user().username()).isEqualTo("akadmin");
            assertThat(p.superuser()).isTrue();

            List<String> after1 = snapshot(db);
            bootstrap(db).run(Optional.of("S3cret-pass"), Optional.of(TOKEN), Optional.of("admin@example.org"));
            assertThat(snapshot(db)).isEqualTo(after1);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void runWhenAdminChangedPasswordAndEmailThenDifferentEnvironmentDoesNotOverwrite(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            bootstrap(db).run(Optional.of("first-pass"), NONE, Optional.of("first@example.org"));
            User admin = users.byUsername("akadmin").orElseThrow();
            users.setPassword(new Actor(admin, "127.0.0.1"), admin.pk(), "admin-chosen");
            users.update(new Actor(admin, "127.0.0.1"), admin.pk(),
                    new UserChanges(null, null, "chosen@example.org", null, null, null, null, null, null));

            bootstrap(db).run(Optional.of("second-pass"), NONE, Optional.of("second@example.org"));

            User after = users.byUsername("akadmin").orElseThrow();
            assertThat(users.checkPassword(after, "admin-chosen")).isTrue();
            assertThat(users.checkPassword(after, "second-pass")).isFalse();
            assertThat(users.checkPassword(after, "first-pass")).isFalse();
            assertThat(after.email()).isEqualTo("chosen@example.org");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void runWhenPasswordWasAppliedOnceAndLaterMadeUnusableThenNotReapplied(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            bootstrap(db).run(Optional.of("first-pass"), NONE, NONE);
            User admin = users.byUsername("akadmin").orElseThrow();
            new UserStore(db.dsl()).setPassword(admin.pk(), "!locked", java.time.Instant.now());

            Bootstrap.Result r = bootstrap(db).run(Optional.of("first-pass"), NONE, NONE);

            User after = users.byUsername("akadmin").orElseThrow();
            assertThat(after.passwordHash()).isEqualTo("!locked");
            assertThat(users.checkPassword(after, "first-pass")).isFalse();
            assertThat(r.adminNeedsSetup()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void runWhenPasswordGivenOnlyOnLaterStartThenAppliedWhileAdminHasNone(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            bootstrap(db).run(NONE, NONE, NONE);

            Bootstrap.Result r = bootstrap(db).run(Optional.of("late-pass"), NONE, NONE);

            assertThat(r.adminNeedsSetup()).isFalse();
            assertThat(users.checkPassword(users.byUsername("akadmin").orElseThrow(), "late-pass")).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void runWhenAdminDeletedBootstrapTokenThenSameEnvironmentTokenNotRecreated(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            TokenService tokens = new TokenService(db);
            bootstrap(db).run(NONE, Optional.of(TOKEN), NONE);
            Token t = tokens.byIdentifier(Bootstrap.TOKEN_IDENTIFIER).orElseThrow();
            User admin = new UserService(db, Fixtures.HASHER, new StoredSignIns()).byUsername("akadmin").orElseThrow();
            tokens.delete(new Actor(admin, "127.0.0.1"), t);

            bootstrap(db).run(NONE, Optional.of(TOKEN), NONE);

            assertThat(tokens.byIdentifier(Bootstrap.TOKEN_IDENTIFIER)).isEmpty();
            assertThat(count(db, "core_token")).isZero();
            assertThat(tokens.authenticateApiKey(TOKEN)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void runWhenAdminUserDeletedThenNotRecreated(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            bootstrap(db).run(NONE, NONE, NONE);
            users.delete(Actor.SYSTEM, users.byUsername("akadmin").orElseThrow().pk());

            Bootstrap.Result r = bootstrap(db).run(Optional.of("pw"), Optional.of(TOKEN), NONE);

            assertThat(users.byUsername("akadmin")).isEmpty();
            assertThat(count(db, "core_token")).isZero();
            assertThat(r.adminNeedsSetup()).isFalse();
        }
    }

    @Test
    void runWhenTwoThreadsBootstrapOneFreshPostgresThenBothSucceedWithOneAdmin() throws Exception {
        String name = TestDatabases.newPostgresDatabase();
        try (Database a = open(name); Database b = open(name)) {
            a.migrate();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Bootstrap.Result> fa = pool.submit(() -> {
                    start.await();
                    return bootstrap(a).run(NONE, Optional.of(TOKEN), Optional.of("admin@example.org"));
                });
                Future<Bootstrap.Result> fb = pool.submit(() -> {
                    start.await();
                    return bootstrap(b).run(NONE, Optional.of(TOKEN), Optional.of("admin@example.org"));
                });
                start.countDown();
                Bootstrap.Result ra = fa.get(60, TimeUnit.SECONDS);
                Bootstrap.Result rb = fb.get(60, TimeUnit.SECONDS);

                assertThat(ra.installId()).isEqualTo(rb.installId());
            } finally {
                pool.shutdownNow();
            }
            assertThat(Fixtures.countWhere(a, "core_user", DSL.field(DSL.name("username")).eq("akadmin"))).isEqualTo(1);
            assertThat(count(a, "core_user")).isEqualTo(1);
            assertThat(count(a, "core_group")).isEqualTo(1);
            assertThat(count(a, "core_user_group")).isEqualTo(1);
            assertThat(count(a, "core_brand")).isEqualTo(1);
            assertThat(count(a, "core_token")).isEqualTo(1);
            assertThat(count(a, "crypto_certificatekeypair")).isEqualTo(1);
            assertThat(Fixtures.countWhere(a, "system_state", DSL.field(DSL.name("name")).eq("install_id"))).isEqualTo(1);
            assertThat(new TokenService(b).authenticateApiKey(TOKEN)).isPresent();
        }
    }

    private static Database open(String name) {
        return Database.open(TestDatabases.postgresUrl(name), "postgres", "postgres", SQLDialect.POSTGRES, 4, null,
                "test", "cannot open PostgreSQL");
    }
}
