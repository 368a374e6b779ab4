package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.housekeeping.Housekeeping;
import dev.gatehouse.provider.oauth2.device.DeviceAuthorization;
import dev.gatehouse.provider.oauth2.device.OAuth2DeviceStore;
import dev.gatehouse.provider.oauth2.token.GrantToken;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.store.Database;
import dev.gatehouse.provider.proxy.ProxySessionStore;
import dev.gatehouse.session.SessionStore;
import dev.gatehouse.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The background sweep deletes what expired and nothing else, on H2 and PostgreSQL. */
class HousekeepingTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    @ParameterizedTest
    @MethodSource(KINDS)
    void sweepDeletesExpiredEventsSessionsTokensAndDeviceCodesOnly(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            DSLContext dsl = db.dsl();
            long user = new UserStore(db.dsl()).insert("alice", "", "", "!x", true, UserType.INTERNAL, "users", Map.of()).pk();
            long provider = new ProviderStore(db.dsl()).insert("p", "oauth2", null, null, null).pk();
            Instant now = Instant.now();
            SessionStore sessions = new SessionStore(db.dsl());
            UUID expiredSession = sessions.insert("a".repeat(64), user, now.minusSeconds(100), now.minusSeconds(1),
                    "127.0.0.1", "ua").uuid();
            UUID liveSession = sessions.insert("b".repeat(64), user, now, now.plus(Duration.ofHours(1)), "127.0.0.1",
                    "ua").uuid();
            long proxy = new ProviderStore(db.dsl()).insert("proxy", "proxy", null, null, null).pk();
            ProxySessionStore proxySessions = new ProxySessionStore(db.dsl());
            proxySessions.insert("7".repeat(64), proxy, user, liveSession, UUID.randomUUID(), "openid", now, "pwd",
                    now.minusSeconds(100), now.minusSeconds(1));
            proxySessions.insert("8".repeat(64), proxy, user, liveSession, UUID.randomUUID(), "openid", now, "pwd", now,
                    now.plusSeconds(60));
            proxySessions.insert("9".repeat(64), proxy, user, expiredSession, UUID.randomUUID(), "openid", now, "pwd",
                    now, now.plusSeconds(60));
            for (String hash : new String[] {"c".repeat(64), "d".repeat(64)}) {
                new OAuth2GrantStore(dsl).insert(new GrantToken(hash, GrantToken.Kind.ACCESS, UUID.randomUUID(), provider, user,
                        "openid", now, null, "pwd", hash.startsWith("c") ? now.minusSeconds(1) : now.plusSeconds(60),
                        false, false));
            }
            for (String hash : new String[] {"e".repeat(64), "f".repeat(64)}) {
                String userCodeHash = (hash.startsWith("e") ? "1" : "2").repeat(64);
                new OAuth2DeviceStore(dsl).insert(new DeviceAuthorization(hash, userCodeHash, UUID.randomUUID(), provider,
                        "openid", DeviceAuthorization.Status.PENDING, null, null, null, "", Duration.ofSeconds(5), now,
                        hash.startsWith("e") ? now.minusSeconds(1) : now.plusSeconds(60)));
            }
            EventLog.record(dsl, "login", Actor.SYSTEM, Map.of());
            EventLog.record(dsl, "logout", Actor.SYSTEM, Map.of());
            db.dsl().update(DSL.table("events_event")).set(DSL.field("expires"), now.minusSeconds(1))
                    .where(DSL.field("action").eq("login")).execute();

            Housekeeping.Swept swept = new Housekeeping(db, Duration.ofMinutes(10)).sweep(now);

            assertThat(swept).as("the proxy session of the expired browser session went with it")
                    .isEqualTo(new Housekeeping.Swept(1, 1, 1, 1, 1));
            assertThat(proxySessions.byKeyHash("8".repeat(64))).isPresent();
            assertThat(proxySessions.byKeyHash("9".repeat(64))).isEmpty();
            assertThat(sessions.byKeyHash("b".repeat(64))).isPresent();
            assertThat(new OAuth2GrantStore(dsl).token("d".repeat(64))).isPresent();
            assertThat(new OAuth2DeviceStore(dsl).byDeviceCodeHash("e".repeat(64))).isEmpty();
            assertThat(new OAuth2DeviceStore(dsl).byDeviceCodeHash("f".repeat(64))).isPresent();
            assertThat(db.dsl().fetchCount(DSL.table("events_event"), DSL.field("action").eq("logout"))).isEqualTo(1);
        }
    }
}
