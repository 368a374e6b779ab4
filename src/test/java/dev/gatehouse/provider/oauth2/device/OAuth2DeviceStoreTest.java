package dev.gatehouse.provider.oauth2.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.ProviderStore;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.provider.oauth2.device.DeviceAuthorization;
import dev.gatehouse.provider.oauth2.device.DeviceAuthorization.Status;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Device authorizations: unique user codes, the polling pace (RFC 8628 slow_down), one decision per request,
 * single redemption and expiry sweeping, on H2 and PostgreSQL.
 */
class OAuth2DeviceStoreTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private record Fixture(OAuth2DeviceStore devices, long provider, long user) {
        DeviceAuthorization pending(String deviceHash, String userHash, Instant expires) {
            return new DeviceAuthorization(deviceHash, userHash, UUID.randomUUID(), provider, "openid offline_access",
                    Status.PENDING, null, null, null, "", Duration.ofSeconds(5), T0, expires);
        }
    }

    private static Fixture fixture(Database db) {
        long user = new UserStore(db.dsl()).insert("alice", "", "", "!x", true, UserType.INTERNAL, "users", Map.of()).pk();
        long provider = new ProviderStore(db.dsl()).insert("p", "oauth2", null, null, null).pk();
        return new Fixture(new OAuth2DeviceStore(db.dsl()), provider, user);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aUserCodeIsUniqueAndBothCodesFindTheRequest(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Instant expires = T0.plus(Duration.ofMinutes(10));
            assertThat(fx.devices().insert(fx.pending("d".repeat(64), "u".repeat(64), expires))).isTrue();
            assertThat(fx.devices().insert(fx.pending("e".repeat(64), "u".repeat(64), expires)))
                    .as("same user code: the caller draws another").isFalse();

            DeviceAuthorization read = fx.devices().byDeviceCodeHash("d".repeat(64)).orElseThrow();
            assertThat(read.status()).isEqualTo(Status.PENDING);
            assertThat(read.interval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(read.nextPoll()).isEqualTo(T0);
            assertThat(read.expires()).isEqualTo(expires);
            assertThat(read.user()).isNull();
            assertThat(fx.devices().byUserCodeHash("u".repeat(64))).contains(read);
            assertThat(fx.devices().byDeviceCodeHash("e".repeat(64))).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aPollBeforeTheIntervalIsUpSlowsTheDeviceDownByFiveSeconds(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            fx.devices().insert(fx.pending("d".repeat(64), "u".repeat(64), T0.plus(Duration.ofMinutes(10))));

            assertThat(fx.devices().poll(fx.devices().byDeviceCodeHash("d".repeat(64)).orElseThrow(), T0)).isTrue();
            DeviceAuthorization afterFirst = fx.devices().byDeviceCodeHash("d".repeat(64)).orElseThrow();
            assertThat(afterFirst.nextPoll()).isEqualTo(T0.plusSeconds(5));

            assertThat(fx.devices().poll(afterFirst, T0.plusSeconds(2))).as("2 s after, interval 5 s").isFalse();
            DeviceAuthorization slowed = fx.devices().byDeviceCodeHash("d".repeat(64)).orElseThrow();
            assertThat(slowed.interval()).isEqualTo(Duration.ofSeconds(10));
            assertThat(slowed.nextPoll()).isEqualTo(T0.plusSeconds(12));

            assertThat(fx.devices().poll(slowed, T0.plusSeconds(8))).isFalse();
            DeviceAuthorization slower = fx.devices().byDeviceCodeHash("d".repeat(64)).orElseThrow();
            assertThat(slower.interval()).isEqualTo(Duration.ofSeconds(15));

            assertThat(fx.devices().poll(slower, slower.nextPoll())).as("on time at the new interval").isTrue();
            assertThat(fx.devices().byDeviceCodeHash("d".repeat(64)).orElseThrow().interval())
                    .isEqualTo(Duration.ofSeconds(15));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aRequestIsDecidedOnceAndRedeemedOnceOnlyWhenApproved(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Instant expires = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
            Instant authTime = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
            fx.devices().insert(fx.pending("a".repeat(64), "1".repeat(64), expires));
            fx.devices().insert(fx.pending("b".repeat(64), "2".repeat(64), expires));
            fx.devices().insert(fx.pending("c".repeat(64), "3".repeat(64), Instant.now().minusSeconds(1)));

            assertThat(fx.devices().redeem("a".repeat(64))).as("pending: nothing to redeem").isFalse();
            assertThat(fx.devices().approve("a".repeat(64), fx.user(), authTime, "s".repeat(64), "pwd", Instant.now()))
                    .isTrue();
            assertThat(fx.devices().approve("a".repeat(64), fx.user(), authTime, "s".repeat(64), "pwd", Instant.now()))
                    .isFalse();
            assertThat(fx.devices().deny("a".repeat(64), fx.user())).as("already approved").isFalse();
            DeviceAuthorization approved = fx.devices().byDeviceCodeHash("a".repeat(64)).orElseThrow();
            assertThat(approved.status()).isEqualTo(Status.APPROVED);
            assertThat(approved.user()).isEqualTo(fx.user());
            assertThat(approved.authTime()).isEqualTo(authTime);
            assertThat(approved.sessionHash()).isEqualTo("s".repeat(64));
            assertThat(approved.amr()).isEqualTo("pwd");
            assertThat(fx.devices().redeem("a".repeat(64))).isTrue();
            assertThat(fx.devices().redeem("a".repeat(64))).isFalse();
            assertThat(fx.devices().byDeviceCodeHash("a".repeat(64)).orElseThrow().status()).isEqualTo(Status.REDEEMED);

            assertThat(fx.devices().deny("b".repeat(64), fx.user())).isTrue();
            assertThat(fx.devices().approve("b".repeat(64), fx.user(), authTime, null, "pwd", Instant.now())).isFalse();
            assertThat(fx.devices().redeem("b".repeat(64))).isFalse();
            assertThat(fx.devices().byDeviceCodeHash("b".repeat(64)).orElseThrow().status()).isEqualTo(Status.DENIED);

            assertThat(fx.devices().approve("c".repeat(64), fx.user(), authTime, null, "pwd", Instant.now()))
                    .as("expired").isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void expiredRequestsAreSweptAndOthersKept(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Instant now = Instant.now();
            fx.devices().insert(fx.pending("a".repeat(64), "1".repeat(64), now.minusSeconds(1)));
            fx.devices().insert(fx.pending("b".repeat(64), "2".repeat(64), now.plusSeconds(60)));

            assertThat(fx.devices().deleteExpired(now)).isEqualTo(1);
            assertThat(fx.devices().byDeviceCodeHash("a".repeat(64))).isEmpty();
            assertThat(fx.devices().byDeviceCodeHash("b".repeat(64))).isPresent();
        }
    }
}
