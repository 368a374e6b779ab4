package dev.gatehouse.provider.oauth2.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.ProviderStore;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Codes and tokens: single use, single rotation, family revocation and expiry sweeping, on H2 and PostgreSQL. */
class OAuth2GrantStoreTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private record Fixture(OAuth2GrantStore grants, long provider, long user) {
    }

    private static Fixture fixture(Database db) {
        long user = new UserStore(db.dsl()).insert("alice", "", "", "!x", true, UserType.INTERNAL, "users", Map.of()).pk();
        long provider = new ProviderStore(db.dsl()).insert("p", "oauth2", null, null, null).pk();
        return new Fixture(new OAuth2GrantStore(db.dsl()), provider, user);
    }

    private static GrantToken token(Fixture fx, String hash, GrantToken.Kind kind, UUID family, Instant expires) {
        return new GrantToken(hash, kind, family, fx.provider(), fx.user(), "openid offline_access",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), "sid", "pwd", expires, false, false);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aCodeIsUsedOnceAndItsReuseRevokesTheFamily(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            UUID family = UUID.randomUUID();
            Instant soon = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
            fx.grants().insert(new AuthorizationCode("c".repeat(64), family, fx.provider(), fx.user(),
                    "https://rp.example/cb", "openid", "n-0", "challenge", "S256", soon.minusSeconds(120), "sid", "pwd",
                    soon, false));
            AuthorizationCode read = fx.grants().code("c".repeat(64)).orElseThrow();
            assertThat(read.codeChallengeMethod()).isEqualTo("S256");
            assertThat(read.expires()).isEqualTo(soon);
            assertThat(fx.grants().markUsed("c".repeat(64))).isTrue();
            assertThat(fx.grants().markUsed("c".repeat(64))).isFalse();

            fx.grants().insert(token(fx, "a".repeat(64), GrantToken.Kind.ACCESS, family, soon));
            fx.grants().insert(token(fx, "r".repeat(64), GrantToken.Kind.REFRESH, family, soon));
            fx.grants().insert(token(fx, "o".repeat(64), GrantToken.Kind.ACCESS, UUID.randomUUID(), soon));
            assertThat(fx.grants().revokeFamily(family)).isEqualTo(2);
            assertThat(fx.grants().token("a".repeat(64)).orElseThrow().revoked()).isTrue();
            assertThat(fx.grants().token("r".repeat(64)).orElseThrow().active(Instant.now())).isFalse();
            assertThat(fx.grants().token("o".repeat(64)).orElseThrow().active(Instant.now())).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void aRefreshTokenRotatesOnceAndExpiredRowsAreSwept(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Fixture fx = fixture(db);
            Instant later = Instant.now().plus(Duration.ofDays(30));
            fx.grants().insert(token(fx, "r".repeat(64), GrantToken.Kind.REFRESH, UUID.randomUUID(), later));
            assertThat(fx.grants().rotate("r".repeat(64))).isTrue();
            assertThat(fx.grants().rotate("r".repeat(64))).isFalse();
            assertThat(fx.grants().token("r".repeat(64)).orElseThrow().rotated()).isTrue();

            fx.grants().insert(token(fx, "e".repeat(64), GrantToken.Kind.ACCESS, UUID.randomUUID(),
                    Instant.now().minusSeconds(1)));
            assertThat(fx.grants().deleteExpired(Instant.now())).isEqualTo(1);
            assertThat(fx.grants().token("e".repeat(64))).isEmpty();
            assertThat(fx.grants().token("r".repeat(64))).isPresent();
            assertThat(fx.grants().revokeUser(fx.provider(), fx.user())).isEqualTo(1);
        }
    }
}
