package dev.gatehouse.provider.proxy;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.provider.proxy.ProxyKit.location;
import static dev.gatehouse.provider.proxy.ProxyKit.setCookie;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Forward auth in a cluster: two Gatehouse servers on one PostgreSQL database, a reverse proxy asking either.
 * A revocation made through server A (sessions deleted, user deactivated, a binding added) is refused by
 * server B at its next forward-auth request, although B answered that cookie from its memory a moment before:
 * the change reaches B through the database (LISTEN/NOTIFY), long before any cache TTL.
 */
class ForwardAuthClusterTest {
    /** Far below {@link ProxySessionCache#TTL} and the definition cache's TTL: only a notification is this fast. */
    private static final Duration SOON = Duration.ofSeconds(3);
    private static TestServer serverA;
    private static TestServer serverB;
    private static ProxyKit a;
    private static ProxyKit b;

    @BeforeAll
    static void cluster() {
        String database = TestDatabases.newPostgresDatabase();
        serverA = TestServer.startOnPostgres(database);
        serverB = TestServer.startOnPostgres(database);
        b = new ProxyKit(serverB);
        a = new ProxyKit(serverA); // last: the embedded outpost's authentik_host is A's address
        a.group("nobody", Map.of());
        a.user("alice", List.of(), Map.of());
        a.app("whoami", "http://whoami.test", Map.of());
        assertThat(ProxySessionCache.TTL).isGreaterThan(SOON.multipliedBy(3));
    }

    @AfterAll
    static void stop() {
        for (ProxyKit kit : List.of(a, b)) {
            kit.close();
            kit.server.close();
        }
    }

    /** Signed in through server A; server B then answers the cookie, and answers it again from memory. */
    private static String signedInAndCachedByB() {
        String start = location(a.traefik("http", "whoami.test", "/", null));
        HttpResponse<String> callback = a.signIn(a.browserOf("alice"), start, "alice");
        String cookie = setCookie(callback, "gatehouse_proxy_", null).orElseThrow();
        Eventually.within(SOON, "B sees the new provider", () -> b.traefik("http", "whoami.test", "/", cookie)
                .statusCode() == 200);
        double queries = b.forwardAuthQueries();
        assertThat(username(b.traefik("http", "whoami.test", "/", cookie))).isEqualTo("alice");
        assertThat(b.forwardAuthQueries()).as("B answers from memory").isEqualTo(queries);
        return cookie;
    }

    private static String username(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("X-authentik-username").orElseThrow();
    }

    private static boolean sentToSignIn(HttpResponse<String> r) {
        return r.statusCode() == 302 && location(r).contains("/outpost.goauthentik.io/start");
    }

    @Test
    void sessionsDeletedThroughAAreRefusedByB() {
        String cookie = signedInAndCachedByB();
        long alice = a.userPk("alice");
        for (JsonNode s : expect(serverA.get("/api/v3/core/authenticated_sessions/?user=" + alice, ADMIN), 200)
                .get("results")) {
            expect(serverA.send("DELETE", "/api/v3/core/authenticated_sessions/" + s.get("uuid").asString() + "/",
                    ADMIN, null), 204);
        }
        Eventually.within(SOON, "B refuses the cookie of the deleted session",
                () -> sentToSignIn(b.traefik("http", "whoami.test", "/", cookie)));
    }

    @Test
    void aUserDeactivatedThroughAIsRefusedByB() {
        String cookie = signedInAndCachedByB();
        long alice = a.userPk("alice");
        expect(serverA.send("PATCH", "/api/v3/core/users/" + alice + "/", ADMIN, obj("is_active", false)), 200);
        try {
            Eventually.within(SOON, "B refuses the deactivated user",
                    () -> sentToSignIn(b.traefik("http", "whoami.test", "/", cookie)));
        } finally {
            expect(serverA.send("PATCH", "/api/v3/core/users/" + alice + "/", ADMIN, obj("is_active", true)), 200);
        }
    }

    @Test
    void aBindingAddedThroughADeniesOnBAndItsRemovalAllowsAgain() {
        String cookie = signedInAndCachedByB();
        String binding = expect(serverA.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target",
                a.appPk("whoami"), "group", a.groupPk("nobody"), "order", 0)), 201).get("pk").asString();
        Eventually.within(SOON, "B denies after the binding",
                () -> b.traefik("http", "whoami.test", "/", cookie).statusCode() == 403);
        expect(serverA.send("DELETE", "/api/v3/policies/bindings/" + binding + "/", ADMIN, null), 204);
        Eventually.within(SOON, "B allows again after the binding is gone",
                () -> b.traefik("http", "whoami.test", "/", cookie).statusCode() == 200);
    }
}
