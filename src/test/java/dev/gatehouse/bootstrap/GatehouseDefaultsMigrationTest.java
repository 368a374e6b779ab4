package dev.gatehouse.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.BrandStore;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.stage.password.PasswordStageType;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * New installs say "Gatehouse" and check app passwords at the default password stage; V17 brings an install made
 * before it to the same defaults, only where it still holds authentik's old ones (H2 and PostgreSQL).
 */
class GatehouseDefaultsMigrationTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final String OLD_TITLE = "Welcome to authentik!";
    private static final String INBUILT_ONLY = "[\"authentik.core.auth.InbuiltBackend\"]";

    private static void bootstrap(Database db) {
        new Bootstrap(db, new PasswordHasher(), new PrivateKeyCipher("test-secret-key"))
                .run(Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static String flowTitle(Database db, String slug) {
        return db.dsl().fetchValue("SELECT title FROM flows_flow WHERE slug = ?", slug).toString();
    }

    /** Read as SQL: before V24 the brand row lacks columns today's {@link BrandStore} reads. */
    private static String brandTitle(Database db) {
        return db.dsl().fetchValue("SELECT branding_title FROM core_brand WHERE is_default = TRUE").toString();
    }

    private static List<String> backends(Database db) {
        return PasswordStageType.Config.DEFINITION.typed(new StageStore(db.dsl())
                .byName("default-authentication-password").orElseThrow().config()).backends();
    }

    /**
     * A database at V16 holding what the bootstrap before V17 wrote (written here as rows: today's bootstrap needs the
     * later migrations' tables).
     */
    private static Database installedBeforeV17(String kind) {
        Database db = TestDatabases.openUnmigrated(kind);
        Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target("16").load().migrate();
        db.dsl().execute("INSERT INTO core_brand (uuid, domain, is_default, branding_title) VALUES "
                + "('00000000-0000-0000-0000-000000000016', 'authentik-default', TRUE, 'authentik')");
        for (String slug : List.of(DefaultFlows.AUTHENTICATION, DefaultFlows.INITIAL_SETUP)) {
            db.dsl().execute("INSERT INTO flows_flow (uuid, slug, name, title, designation, created) "
                    + "VALUES (?, ?, ?, ?, 'authentication', CURRENT_TIMESTAMP)", java.util.UUID.randomUUID(), slug, slug,
                    OLD_TITLE);
        }
        db.dsl().execute("INSERT INTO flows_stage (uuid, name, stage_type, config, created) "
                + "VALUES (?, 'default-authentication-password', 'password', ?, CURRENT_TIMESTAMP)",
                java.util.UUID.randomUUID(), "{\"backends\":" + INBUILT_ONLY + ",\"failed_attempts_before_cancel\":5}");
        assertThat(backends(db)).containsExactly(PasswordStageType.INBUILT);
        assertThat(brandTitle(db)).isEqualTo("authentik");
        return db;
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aNewInstallSaysGatehouseAndChecksAppPasswords(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            bootstrap(db);
            assertThat(brandTitle(db)).isEqualTo("Gatehouse");
            assertThat(flowTitle(db, DefaultFlows.AUTHENTICATION)).isEqualTo("Welcome to Gatehouse!");
            assertThat(flowTitle(db, DefaultFlows.INITIAL_SETUP)).isEqualTo("Welcome to Gatehouse!");
            assertThat(backends(db)).containsExactly(PasswordStageType.INBUILT, PasswordStageType.TOKEN);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void v17ChangesTheOldDefaultsOfAnExistingInstall(String kind) {
        try (Database db = installedBeforeV17(kind)) {
            assertThat(db.migrate()).as("V17 and the migrations after it").isPositive();
            assertThat(brandTitle(db)).isEqualTo("Gatehouse");
            assertThat(flowTitle(db, DefaultFlows.AUTHENTICATION)).isEqualTo("Welcome to Gatehouse!");
            assertThat(flowTitle(db, DefaultFlows.INITIAL_SETUP)).isEqualTo("Welcome to Gatehouse!");
            assertThat(backends(db)).containsExactly(PasswordStageType.INBUILT, PasswordStageType.TOKEN);
            bootstrap(db);
            assertThat(backends(db)).as("a restart changes nothing").containsExactly(PasswordStageType.INBUILT,
                    PasswordStageType.TOKEN);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void v17LeavesWhatTheAdminEdited(String kind) {
        try (Database db = installedBeforeV17(kind)) {
            db.dsl().execute("UPDATE core_brand SET branding_title = 'Our Home' WHERE is_default");
            db.dsl().execute("UPDATE flows_flow SET title = 'Sign in to Our Home' WHERE slug = ?",
                    DefaultFlows.AUTHENTICATION);
            db.dsl().execute("UPDATE flows_stage SET config = REPLACE(config, ?, ?) WHERE name = ?", INBUILT_ONLY,
                    "[\"authentik.core.auth.InbuiltBackend\",\"authentik.sources.ldap.auth.LDAPBackend\"]",
                    "default-authentication-password");
            db.dsl().execute("INSERT INTO core_brand (uuid, domain, is_default, branding_title) VALUES "
                    + "('00000000-0000-0000-0000-000000000017', 'other.example', FALSE, 'authentik')");
            assertThat(db.migrate()).as("V17 and the migrations after it").isPositive();
            assertThat(brandTitle(db)).isEqualTo("Our Home");
            assertThat(db.dsl().fetchValue("SELECT branding_title FROM core_brand WHERE domain = 'other.example'"))
                    .as("only the default brand is renamed").isEqualTo("authentik");
            assertThat(flowTitle(db, DefaultFlows.AUTHENTICATION)).isEqualTo("Sign in to Our Home");
            assertThat(flowTitle(db, DefaultFlows.INITIAL_SETUP)).isEqualTo("Welcome to Gatehouse!");
            assertThat(backends(db)).containsExactly(PasswordStageType.INBUILT,
                    "authentik.sources.ldap.auth.LDAPBackend");
        }
    }
}
