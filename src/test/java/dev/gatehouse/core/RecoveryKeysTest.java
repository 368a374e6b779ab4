package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecoveryKeysTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static void bootstrap(Database db) {
        new Bootstrap(db, new PasswordHasher(), new PrivateKeyCipher("test-secret-key"))
                .run(Optional.empty(), Optional.empty(), Optional.empty());
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void redeemWhenFreshKeyThenUserOnceAndTokenGone(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            bootstrap(db);
            RecoveryKeys keys = new RecoveryKeys(db);
            String key = keys.create("akadmin", Duration.ofMinutes(5)).orElseThrow();

            assertThat(new TokenStore(db.dsl()).byKeyHash(dev.gatehouse.crypto.Secrets.sha256Hex(key)))
                    .get().extracting(Token::intent).isEqualTo(TokenIntent.RECOVERY);
            assertThat(keys.redeem(key)).get().extracting(User::username).isEqualTo("akadmin");
            assertThat(keys.redeem(key)).isEmpty();
            assertThat(db.dsl().fetchCount(dev.gatehouse.core.CoreTables.Tokens.T,
                    dev.gatehouse.core.CoreTables.Tokens.INTENT.eq("recovery"))).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void redeemWhenExpiredThenNothingAndTokenDeleted(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            bootstrap(db);
            RecoveryKeys keys = new RecoveryKeys(db);
            String key = keys.create("akadmin", Duration.ofMinutes(-1)).orElseThrow();

            assertThat(keys.redeem(key)).isEmpty();
            assertThat(db.dsl().fetchCount(dev.gatehouse.core.CoreTables.Tokens.T,
                    dev.gatehouse.core.CoreTables.Tokens.INTENT.eq("recovery"))).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenUnknownUserThenEmptyAndRedeemRefusesOtherIntents(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            bootstrap(db);
            RecoveryKeys keys = new RecoveryKeys(db);
            User admin = new UserStore(db.dsl()).byUsername("akadmin").orElseThrow();
            IssuedToken api = new TokenService(db).create(new Actor(admin, null), true,
                    new TokenChanges("api-key", TokenIntent.API, null, null, null, null));

            assertThat(keys.create("nobody", Duration.ofMinutes(5))).isEmpty();
            assertThat(keys.redeem(api.key())).isEmpty();
            assertThat(keys.redeem("x".repeat(64))).isEmpty();
            assertThat(new TokenService(db).authenticateApiKey(api.key())).isPresent();
        }
    }
}
