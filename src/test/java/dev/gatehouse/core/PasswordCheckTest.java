package dev.gatehouse.core;

import static dev.gatehouse.crypto.ExternalHashTools.argon2Cli;
import static dev.gatehouse.crypto.ExternalHashTools.djangoPbkdf2;
import static dev.gatehouse.crypto.ExternalHashTools.htpasswdBcrypt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PasswordCheckTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final String CURRENT_PREFIX = "$argon2id$v=19$m=19456,t=2,p=1$";
    private static final String PASSWORD = "Tr0ub4dor&3-ü";

    /** One hash per supported import format, each made by an independent tool. */
    private static Map<String, String> importedHashes() {
        String bcrypt = htpasswdBcrypt(PASSWORD, 5);
        String argon2 = argon2Cli(PASSWORD, "saltsaltsalt", "id", 3, 4096, 1, 32);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("pbkdf2", djangoPbkdf2(PASSWORD, 100_000, "a1B2c3D4e5F6g7H8i9J0kL"));
        out.put("bcrypt2y", bcrypt);
        out.put("djangobcrypt", "bcrypt$$2b$" + bcrypt.substring("$2y$".length()));
        out.put("argon2id", argon2);
        out.put("argon2i", argon2Cli(PASSWORD, "saltsaltsalt", "i", 2, 2048, 1, 32));
        out.put("djangoargon2", "argon2" + argon2);
        return out;
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void checkPasswordWhenImportedHashThenSucceedsAndStoresCurrentArgon2id(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            for (Map.Entry<String, String> e : importedHashes().entrySet()) {
                User u = users.create(Actor.SYSTEM, Fixtures.userWithHash(e.getKey(), e.getValue()));
                assertThat(u.passwordHash()).isEqualTo(e.getValue());

                assertThat(users.checkPassword(u, PASSWORD)).as(e.getKey()).isTrue();

                User after = new UserStore(db.dsl()).byPk(u.pk()).orElseThrow();
                assertThat(after.passwordHash()).as(e.getKey()).startsWith(CURRENT_PREFIX).isNotEqualTo(e.getValue());
                assertThat(after.passwordChangeDate()).isEqualTo(u.passwordChangeDate());
                assertThat(Fixtures.HASHER.verify(PASSWORD, after.passwordHash())).isTrue();
                assertThat(users.checkPassword(after, PASSWORD)).isTrue();
                assertThat(new UserStore(db.dsl()).byPk(u.pk()).orElseThrow().passwordHash())
                        .isEqualTo(after.passwordHash());
            }
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void checkPasswordWhenWrongPasswordThenFalseAndHashUnchanged(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            for (Map.Entry<String, String> e : importedHashes().entrySet()) {
                User u = users.create(Actor.SYSTEM, Fixtures.userWithHash(e.getKey(), e.getValue()));

                assertThat(users.checkPassword(u, PASSWORD + "!")).as(e.getKey()).isFalse();
                assertThat(users.checkPassword(u, "")).isFalse();
                assertThat(users.checkPassword(u, null)).isFalse();

                assertThat(users.byPk(u.pk()).orElseThrow().passwordHash()).isEqualTo(e.getValue());
            }
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void checkPasswordWhenPasswordChangedMeanwhileThenUpgradeDoesNotOverwriteIt(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            String imported = djangoPbkdf2(PASSWORD, 1_000, "stalesalt");
            User stale = users.create(Actor.SYSTEM, Fixtures.userWithHash("alice", imported));
            users.setPassword(Actor.SYSTEM, stale.pk(), "the-new-one");
            String current = users.byPk(stale.pk()).orElseThrow().passwordHash();

            // a check that read the user before the change still sees the old hash
            users.checkPassword(stale, PASSWORD);

            User after = users.byPk(stale.pk()).orElseThrow();
            assertThat(after.passwordHash()).isEqualTo(current);
            assertThat(users.checkPassword(after, "the-new-one")).isTrue();
            assertThat(users.checkPassword(after, PASSWORD)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void checkPasswordWhenCurrentHashThenNotRewritten(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            User u = users.create(Actor.SYSTEM, Fixtures.user("alice"));
            users.setPassword(Actor.SYSTEM, u.pk(), PASSWORD);
            User withPassword = users.byPk(u.pk()).orElseThrow();
            assertThat(withPassword.passwordHash()).startsWith(CURRENT_PREFIX);
            assertThat(withPassword.passwordChangeDate()).isAfter(u.passwordChangeDate());

            assertThat(users.checkPassword(withPassword, PASSWORD)).isTrue();

            assertThat(users.byPk(u.pk()).orElseThrow().passwordHash()).isEqualTo(withPassword.passwordHash());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void checkPasswordWhenUnusableThenNeverVerifies(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            String real = Fixtures.HASHER.hash(PASSWORD);
            User fresh = users.create(Actor.SYSTEM, Fixtures.user("fresh"));
            User disabled = new UserStore(db.dsl()).insert("disabled", "", "", "!" + real, true, UserType.INTERNAL,
                    "users", Map.of());
            User plain = new UserStore(db.dsl()).insert("plain", "", "", "!" + PASSWORD, true, UserType.INTERNAL,
                    "users", Map.of());

            assertThat(users.checkPassword(fresh, fresh.passwordHash().substring(1))).isFalse();
            assertThat(users.checkPassword(fresh, fresh.passwordHash())).isFalse();
            assertThat(users.checkPassword(disabled, PASSWORD)).isFalse();
            assertThat(users.checkPassword(plain, PASSWORD)).isFalse();
            assertThat(users.checkPassword(null, PASSWORD)).isFalse();
            assertThat(users.byPk(disabled.pk()).orElseThrow().passwordHash()).isEqualTo("!" + real);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenHashFormatNotSupportedThenFieldError(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());

            assertThatThrownBy(() -> users.create(Actor.SYSTEM, Fixtures.userWithHash("a", "md5$salt$abcdef")))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("password_hash"));
            assertThatThrownBy(() -> users.create(Actor.SYSTEM, Fixtures.userWithHash("a", PASSWORD)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("password_hash"));
            assertThat(users.byUsername("a")).isEmpty();
        }
    }
}
