package dev.gatehouse.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.authenticator.Device;
import dev.gatehouse.authenticator.DeviceClasses;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.SecretBox;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.testing.TestDatabases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The authenticator device tables of V11 on H2 and PostgreSQL: sealed TOTP secrets, replay guard, single-use codes. */
class DeviceStoreTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static long user(Database db, String name) {
        return new UserStore(db.dsl()).insert(name, "", "", "!x", true, UserType.INTERNAL, "users", Map.of()).pk();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void totpSecretIsStoredSealedAndTheLastStepOnlyMovesForward(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            long alice = user(db, "alice");
            SecretBox box = new SecretBox("test-secret-key", "test/totp");
            byte[] key = Secrets.randomBytes(20);
            TotpDeviceStore store = new TotpDeviceStore(db.dsl());
            long pk = store.insert(alice, "Phone", box.seal("user:" + alice, key), 6, 30, NOW);

            TotpDeviceStore.Secret secret = store.secret(pk).orElseThrow();
            assertThat(secret.sealed()).startsWith("v1:").doesNotContain(dev.gatehouse.crypto.totp.Base32.encode(key));
            assertThat(box.openBytes("user:" + alice, secret.sealed())).isEqualTo(key);
            Assertions.assertThatThrownBy(() -> box.openBytes("user:" + (alice + 1), secret.sealed()))
                    .isInstanceOf(SecretBox.Unreadable.class);
            assertThat(secret.lastStep()).isEqualTo(-1);

            assertThat(store.advance(pk, 100, NOW)).isTrue();
            assertThat(store.advance(pk, 100, NOW)).as("the same step again (replay)").isFalse();
            assertThat(store.advance(pk, 99, NOW)).as("an older step").isFalse();
            assertThat(store.advance(pk, 101, NOW)).isTrue();
            assertThat(store.secret(pk).orElseThrow().lastStep()).isEqualTo(101);
            assertThat(store.rows("totp").byPk(pk).orElseThrow().lastUsed()).isEqualTo(NOW);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void staticCodesAreStoredHashedAndEachIsConsumedOnce(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            long alice = user(db, "alice");
            StaticDeviceStore store = new StaticDeviceStore(db.dsl());
            long pk = store.insert(alice, "Codes", List.of(Secrets.sha256Hex("code-one"), Secrets.sha256Hex("code-two")), NOW);

            List<StaticDeviceStore.Token> tokens = store.tokens(alice, List.of(pk));
            assertThat(tokens).extracting(StaticDeviceStore.Token::hash)
                    .containsExactly(Secrets.sha256Hex("code-one"), Secrets.sha256Hex("code-two"));
            assertThat(store.tokens(alice + 1, List.of(pk))).as("another user's devices").isEmpty();

            assertThat(store.consume(tokens.getFirst(), NOW)).isTrue();
            assertThat(store.consume(tokens.getFirst(), NOW)).as("used already").isFalse();
            assertThat(store.remaining(pk)).isEqualTo(1);
            assertThat(store.rows("static").byPk(pk).orElseThrow().lastUsed()).isEqualTo(NOW);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void devicesAreListedRenamedAndDeletedPerUserAcrossClasses(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            long alice = user(db, "alice");
            long bob = user(db, "bob");
            assertThat(DeviceClasses.anyConfirmed(db.dsl(), alice)).isFalse();
            long totp = new TotpDeviceStore(db.dsl()).insert(alice, "Phone", "v1:x", 6, 30, NOW);
            long codes = new StaticDeviceStore(db.dsl()).insert(alice, "Codes", List.of(), NOW);
            new StaticDeviceStore(db.dsl()).insert(bob, "Bob's codes", List.of(), NOW);

            assertThat(DeviceClasses.anyConfirmed(db.dsl(), alice)).isTrue();
            assertThat(DeviceClasses.ofUser(db.dsl(), alice)).extracting(Device::deviceClass, Device::pk, Device::name)
                    .containsExactly(Assertions.tuple("totp", totp, "Phone"), Assertions.tuple("static", codes, "Codes"));
            var rows = DeviceClasses.byName("static").orElseThrow().rows(db.dsl());
            assertThat(rows.list(PageRequest.all(), bob).results()).extracting(Device::name).containsExactly("Bob's codes");
            assertThat(rows.list(PageRequest.all(), null).count()).isEqualTo(2);

            assertThat(rows.rename(codes, "Paper", NOW)).isTrue();
            assertThat(rows.byPk(codes).orElseThrow().name()).isEqualTo("Paper");
            assertThat(DeviceClasses.byName("totp").orElseThrow().rows(db.dsl()).delete(totp)).isTrue();
            assertThat(rows.delete(codes)).isTrue();
            assertThat(rows.delete(codes)).isFalse();
            assertThat(DeviceClasses.anyConfirmed(db.dsl(), alice)).isFalse();
            assertThat(DeviceClasses.anyConfirmed(db.dsl(), bob)).isTrue();
        }
    }
}
