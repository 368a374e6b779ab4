package dev.gatehouse.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.authenticator.Device;
import dev.gatehouse.authenticator.DeviceRowStore;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.webauthn.WebAuthnDevice;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** WebAuthn devices on H2 and PostgreSQL: unique credential ids, per-user lists, rename, delete, the counter update; the shared device rows over the same table. */
class WebAuthnDeviceStoreTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private static WebAuthnDevice device(long user, String credentialId) {
        return WebAuthnDevice.unsaved(user, "Key " + credentialId, credentialId, "AAAA" + credentialId, 5,
                "01020304-0506-0708-090a-0b0c0d0e0f10", "localhost", Set.of("usb", "nfc"), true, true, false, T0);
    }

    private static long user(Database db, String name) {
        return new UserStore(db.dsl()).insert(name, "", "", "!x", true, UserType.INTERNAL, "users", Map.of()).pk();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void devicesAreStoredListedPerUserAndCredentialIdsAreUniqueAcrossUsers(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            long alice = user(db, "alice");
            long bob = user(db, "bob");
            WebAuthnDeviceStore store = new WebAuthnDeviceStore(db.dsl());
            WebAuthnDevice a1 = store.insert(device(alice, "cred-a1")).orElseThrow();
            WebAuthnDevice a2 = store.insert(device(alice, "cred-a2")).orElseThrow();
            WebAuthnDevice b1 = store.insert(device(bob, "cred-b1")).orElseThrow();
            assertThat(store.insert(device(bob, "cred-a1"))).as("another user's credential id").isEmpty();
            assertThat(store.insert(device(alice, "cred-a1"))).as("the same user's again").isEmpty();

            assertThat(a1.pk()).isPositive();
            assertThat(a1.user()).isEqualTo(alice);
            assertThat(a1.credentialData()).isEqualTo("AAAAcred-a1");
            assertThat(a1.signCount()).isEqualTo(5);
            assertThat(a1.transports()).containsExactlyInAnyOrder("usb", "nfc");
            assertThat(a1.uvInitialized()).isTrue();
            assertThat(a1.backupEligible()).isTrue();
            assertThat(a1.backupState()).isFalse();
            assertThat(a1.confirmed()).isTrue();
            assertThat(a1.created()).isEqualTo(T0);
            assertThat(a1.lastUsed()).isNull();

            assertThat(store.byUser(alice)).containsExactly(a1, a2);
            assertThat(store.byUser(bob)).containsExactly(b1);
            assertThat(store.byCredentialId("cred-b1")).contains(b1);
            assertThat(store.byCredentialId("cred-zz")).isEmpty();
            assertThat(store.byPk(a2.pk())).contains(a2);

            PageRequest all = new PageRequest(1, 20, null, null, Map.of());
            DeviceRowStore rows = store.rows("webauthn");
            assertThat(rows.list(all, alice).results()).extracting(Device::pk).containsExactly(a1.pk(), a2.pk());
            assertThat(rows.list(all, null).count()).isEqualTo(3);
            assertThat(rows.list(new PageRequest(1, 20, null, null, Map.of("user", String.valueOf(bob))), null)
                    .results()).extracting(Device::pk).containsExactly(b1.pk());
            Device shared = rows.byPk(a1.pk()).orElseThrow();
            assertThat(shared).isEqualTo(new Device("webauthn", a1.pk(), alice, "Key cred-a1", true, T0, T0, null));
            assertThat(rows.hasConfirmed(alice)).isTrue();
            assertThat(rows.ofUser(bob)).extracting(Device::pk).containsExactly(b1.pk());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void renameDeleteAndTheConditionalCounterUpdate(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            long alice = user(db, "alice");
            WebAuthnDeviceStore store = new WebAuthnDeviceStore(db.dsl());
            WebAuthnDevice d = store.insert(device(alice, "cred")).orElseThrow();
            DeviceRowStore rows = store.rows("webauthn");
            Instant renamed = T0.plus(1, ChronoUnit.MINUTES);
            assertThat(rows.rename(d.pk(), "YubiKey 5", renamed)).isTrue();
            assertThat(store.byPk(d.pk()).orElseThrow().name()).isEqualTo("YubiKey 5");
            assertThat(rows.byPk(d.pk()).orElseThrow().lastUpdated()).isEqualTo(renamed);

            Instant used = T0.plus(1, ChronoUnit.HOURS);
            assertThat(store.recordUse(d.pk(), 5, 6, used)).isTrue();
            assertThat(store.recordUse(d.pk(), 5, 7, used))
                    .as("verified against counter 5, but it moved to 6 meanwhile").isFalse();
            WebAuthnDevice after = store.byPk(d.pk()).orElseThrow();
            assertThat(after.signCount()).isEqualTo(6);
            assertThat(after.lastUsed()).isEqualTo(used);

            assertThat(rows.delete(d.pk())).isTrue();
            assertThat(rows.delete(d.pk())).isFalse();
            assertThat(store.byPk(d.pk())).isEmpty();
            assertThat(store.insert(device(alice, "cred"))).as("a deleted credential may be registered again").isPresent();
        }
    }
}
