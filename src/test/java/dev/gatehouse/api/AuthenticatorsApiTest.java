package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.authenticator.StaticDeviceStore;
import dev.gatehouse.authenticator.TotpDeviceStore;
import dev.gatehouse.testing.TestServer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code authenticators/}: own devices only (another user's are 404), every class in {@code all/}, admin endpoints. */
class AuthenticatorsApiTest {
    private static TestServer server;
    private static long alice;
    private static long bob;
    private static String aliceToken;
    private static String bobToken;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        alice = ApiTestSupport.createUser(server, "dev-alice");
        bob = ApiTestSupport.createUser(server, "dev-bob");
        aliceToken = ApiTestSupport.createToken(server, "alice-api", "api", alice);
        bobToken = ApiTestSupport.createToken(server, "bob-api", "api", bob);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long totp(long user, String name) {
        return new TotpDeviceStore(server.gatehouse().database().dsl()).insert(user, name, "v1:unused", 6, 30, Instant.now());
    }

    private static long codes(long user, String name) {
        return new StaticDeviceStore(server.gatehouse().database().dsl()).insert(user, name, List.of(), Instant.now());
    }

    @Test
    void allListsTheCallersDevicesOfEveryClassInAuthentiksShape() {
        long phone = totp(alice, "Alice's phone");
        long paper = codes(alice, "Alice's paper");
        codes(bob, "Bob's paper");
        JsonNode all = expect(server.get("/api/v3/authenticators/all/", aliceToken), 200);
        assertThat(all.isArray()).isTrue();
        assertThat(ApiTestSupport.texts(all, "name")).contains("Alice's phone", "Alice's paper").doesNotContain("Bob's paper");
        for (JsonNode d : all) {
            if (d.get("pk").asString().equals(Long.toString(phone)) && d.get("type").asString().contains("totp")) {
                assertThat(d.get("type").asString()).isEqualTo("authentik_stages_authenticator_totp.TOTPDevice");
                assertThat(d.get("meta_model_name").asString()).isEqualTo("authentik_stages_authenticator_totp.totpdevice");
                assertThat(d.get("verbose_name").asString()).isEqualTo("TOTP Device");
                assertThat(d.get("confirmed").asBoolean()).isTrue();
                assertThat(d.get("created").asString()).isNotBlank();
                assertThat(d.has("last_used")).isTrue();
            }
        }
        JsonNode own = expect(server.get("/api/v3/authenticators/static/", aliceToken), 200);
        assertThat(ApiTestSupport.texts(own.get("results"), "name")).contains("Alice's paper").doesNotContain("Bob's paper");
        assertThat(expect(server.get("/api/v3/authenticators/static/" + paper + "/", aliceToken), 200)
                .get("user").get("username").asString()).isEqualTo("dev-alice");
    }

    @Test
    void aUserCannotSeeRenameOrDeleteAnotherUsersDevice() {
        long phone = totp(alice, "Phone A");
        String path = "/api/v3/authenticators/totp/" + phone + "/";
        assertThat(expect(server.get(path, bobToken), 404).get("detail").asString()).isEqualTo("Not found.");
        expect(server.send("PATCH", path, bobToken, obj("name", "stolen")), 404);
        expect(server.send("PUT", path, bobToken, obj("name", "stolen")), 404);
        expect(server.send("DELETE", path, bobToken, null), 404);
        assertThat(ApiTestSupport.texts(expect(server.get("/api/v3/authenticators/totp/", bobToken), 200)
                .get("results"), "name")).doesNotContain("Phone A");
        assertThat(expect(server.get(path, aliceToken), 200).get("name").asString()).isEqualTo("Phone A");

        assertThat(expect(server.send("PATCH", path, aliceToken, obj("name", "Phone renamed")), 200)
                .get("name").asString()).isEqualTo("Phone renamed");
        assertThat(expect(server.send("PATCH", path, aliceToken, obj("name", " ")), 400).has("name")).isTrue();
        expect(server.send("DELETE", path, aliceToken, null), 204);
        expect(server.get(path, aliceToken), 404);
        assertThat(ApiTestSupport.modelEvents(server, "model_deleted", "Phone renamed")).hasSize(1);
    }

    @Test
    void adminEndpointsReachAnyUsersDevicesAndAreForSuperusersOnly() {
        long bobs = codes(bob, "Bob's admin-visible codes");
        expect(server.get("/api/v3/authenticators/admin/static/", bobToken), 403);
        JsonNode listed = expect(server.get("/api/v3/authenticators/admin/static/?user=" + bob, ADMIN), 200);
        assertThat(ApiTestSupport.texts(listed.get("results"), "name")).contains("Bob's admin-visible codes");
        for (JsonNode d : listed.get("results")) {
            assertThat(d.get("user").get("pk").asLong()).isEqualTo(bob);
        }
        expect(server.get("/api/v3/authenticators/admin/static/?user=nobody", ADMIN), 400);
        String path = "/api/v3/authenticators/admin/static/" + bobs + "/";
        assertThat(expect(server.send("PATCH", path, ADMIN, obj("name", "Renamed by admin")), 200).get("name").asString())
                .isEqualTo("Renamed by admin");
        expect(server.send("DELETE", path, ADMIN, null), 204);
        expect(server.get("/api/v3/authenticators/static/" + bobs + "/", bobToken), 404);
    }
}
