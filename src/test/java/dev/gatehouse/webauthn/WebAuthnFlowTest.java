package dev.gatehouse.webauthn;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.core.Json;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.stage.identification.IdentificationStageView;
import dev.gatehouse.stage.password.PasswordCheck;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * WebAuthn through the flow executor API and the devices API of a running server, with a software authenticator:
 * enrolment in default-authenticator-webauthn-setup, passwordless sign-in from the identification stage (the
 * password stage skipped), refused and replayed assertions, the brute-force throttle, and who may see, rename and
 * delete which device.
 */
class WebAuthnFlowTest {
    private static final String AUTH = DefaultFlows.AUTHENTICATION;
    private static final String SETUP = DefaultFlows.WEBAUTHN_SETUP;
    private static final String PASSWORD = "Passw0rd-for-webauthn";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static long user(String username) {
        long pk = ApiTestSupport.createUser(server, username);
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN, obj("password", PASSWORD)), 204);
        return pk;
    }

    private static Map<String, Object> options(JsonNode challenge, String field) {
        return Json.map(challenge.get(field).toString());
    }

    /** Signs in with the password, then registers {@code key} through the setup flow; returns the device's pk. */
    private static long enrol(String username, SoftwareAuthenticator key) {
        try (FlowClient c = new FlowClient(server.base())) {
            assertThat(c.run(AUTH, null, username, PASSWORD).path("component").asString()).isEqualTo(FlowClient.REDIRECT);
            JsonNode challenge = c.current(SETUP, null);
            assertThat(challenge.path("component").asString()).isEqualTo("ak-stage-authenticator-webauthn");
            Map<String, Object> registration = options(challenge, "registration");
            assertThat(registration.get("rp")).isEqualTo(Map.of("id", "127.0.0.1", "name", "Gatehouse"));
            assertThat(((Map<?, ?>) registration.get("user")).get("name")).isEqualTo(username);
            // the executor API takes the PublicKeyCredential as an object
            JsonNode done = c.answer(SETUP, null, Map.of("component", "ak-stage-authenticator-webauthn",
                    "response", Json.map(key.create(registration, server.base(), "none"))));
            assertThat(done.path("component").asString()).as(done.toString()).isEqualTo(FlowClient.REDIRECT);
        }
        JsonNode list = expect(server.get("/api/v3/authenticators/admin/webauthn/?user="
                + expect(server.get("/api/v3/core/users/?username=" + username, ADMIN), 200)
                .get("results").get(0).get("pk").asLong(), ADMIN), 200);
        return list.get("results").get(list.get("results").size() - 1).get("pk").asLong();
    }

    /** A fresh browser at the identification stage: its challenge. */
    private static JsonNode identification(FlowClient c) {
        JsonNode challenge = c.current(AUTH, "next=/api/v3/core/users/me/");
        assertThat(challenge.path("component").asString()).isEqualTo(FlowClient.IDENTIFICATION);
        return challenge;
    }

    private static JsonNode passkey(FlowClient c, String credential) {
        return c.answer(AUTH, "next=/api/v3/core/users/me/", Map.of("component", FlowClient.IDENTIFICATION,
                "passkey", credential));
    }

    @Test
    void enrolThenSignInWithThePasskeyAloneAndReplaysAreRefused() {
        user("carol");
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        enrol("carol", key);
        try (FlowClient c = new FlowClient(server.base())) {
            Map<String, Object> request = options(identification(c), "passkey_challenge");
            assertThat(request.get("allowCredentials")).isEqualTo(java.util.List.of());
            assertThat(request.get("userVerification")).isEqualTo("required");
            assertThat(request.get("rpId")).isEqualTo("127.0.0.1");
            String credential = key.get(request, server.base());
            JsonNode done = passkey(c, credential);
            assertThat(done.path("component").asString()).as("no password asked: %s", done)
                    .isEqualTo(FlowClient.REDIRECT);
            assertThat(done.path("to").asString()).isEqualTo("/api/v3/core/users/me/");
            JsonNode me = c.parse(c.get("/api/v3/core/users/me/"));
            assertThat(me.get("user").get("username").asString()).isEqualTo("carol");

            try (FlowClient other = new FlowClient(server.base())) {
                identification(other);
                JsonNode replay = passkey(other, credential);
                assertThat(replay.path("component").asString()).isEqualTo(FlowClient.IDENTIFICATION);
                assertThat(replay.get("response_errors").get("non_field_errors").get(0).get("string").asString())
                        .isEqualTo(IdentificationStageView.FAILED);
                assertThat(other.get("/api/v3/core/users/me/").statusCode()).isEqualTo(401);
            }
        }
    }

    @Test
    void wrongAssertionsLookLikeAnyFailedLoginAndCountInTheThrottle() {
        user("dave");
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        enrol("dave", key);
        SoftwareAuthenticator forger = new SoftwareAuthenticator(); // dave's credential id, another private key
        System.arraycopy(key.credentialId, 0, forger.credentialId, 0, key.credentialId.length);
        forger.userHandle = key.userHandle;
        SoftwareAuthenticator stranger = new SoftwareAuthenticator();
        stranger.userHandle = key.userHandle;
        try (FlowClient c = new FlowClient(server.base())) {
            for (SoftwareAuthenticator wrong : java.util.List.of(stranger, forger)) {
                JsonNode refused = passkey(c, wrong.get(options(identification(c), "passkey_challenge"), server.base()));
                assertThat(refused.get("response_errors").get("non_field_errors").get(0).get("string").asString())
                        .as("an unknown credential and a bad signature get the same answer")
                        .isEqualTo(IdentificationStageView.FAILED);
            }
            identification(c);
            JsonNode garbage = passkey(c, "{\"id\":\"x\"}");
            assertThat(garbage.get("response_errors").get("non_field_errors").get(0).get("string").asString())
                    .isEqualTo(IdentificationStageView.FAILED);
            // one forged assertion counted so far against dave; nine more empty his bucket
            for (int i = 0; i < 9; i++) {
                passkey(c, forger.get(options(identification(c), "passkey_challenge"), server.base()));
            }
            JsonNode throttled = passkey(c, key.get(options(identification(c), "passkey_challenge"), server.base()));
            assertThat(throttled.get("response_errors").get("non_field_errors").get(0).get("string").asString())
                    .as("even the right passkey waits once the bucket is empty").isEqualTo(PasswordCheck.THROTTLED);
        }
    }

    @Test
    void usersSeeRenameAndDeleteOnlyTheirOwnDevicesAdminsAnyones() {
        long erin = user("erin");
        long frank = user("frank");
        String erinToken = ApiTestSupport.createToken(server, "erin-api", "api", erin);
        String frankToken = ApiTestSupport.createToken(server, "frank-api", "api", frank);
        long device = enrol("erin", new SoftwareAuthenticator());
        String own = "/api/v3/authenticators/webauthn/";

        JsonNode list = expect(server.get(own, erinToken), 200);
        assertThat(list.get("pagination").get("count").asLong()).isEqualTo(1);
        JsonNode d = list.get("results").get(0);
        assertThat(d.get("pk").asLong()).isEqualTo(device);
        assertThat(d.get("name").asString()).isEqualTo("WebAuthn Device");
        assertThat(d.get("aaguid").asString()).isEqualTo(SoftwareAuthenticator.AAGUID_.getValue().toString());
        assertThat(d.get("user").get("pk").asLong()).isEqualTo(erin);
        assertThat(d.get("user").get("username").asString()).isEqualTo("erin");
        assertThat(d.get("created_on").asString()).isEqualTo(d.get("created").asString());
        assertThat(d.has("device_type")).isTrue();
        assertThat(d.get("meta_model_name").asString()).isEqualTo("authentik_stages_authenticator_webauthn.webauthndevice");

        assertThat(expect(server.get(own, frankToken), 200).get("pagination").get("count").asLong()).isZero();
        assertThat(expect(server.get(own + "?user=" + erin, frankToken), 200).get("results")).isEmpty();
        expect(server.get(own + device + "/", frankToken), 404);
        expect(server.send("PATCH", own + device + "/", frankToken, obj("name", "mine now")), 404);
        expect(server.send("DELETE", own + device + "/", frankToken, null), 404);
        expect(server.get("/api/v3/authenticators/admin/webauthn/", frankToken), 403);

        assertThat(expect(server.send("PATCH", own + device + "/", erinToken, obj("name", "  YubiKey 5C  ")), 200)
                .get("name").asString()).isEqualTo("YubiKey 5C");
        assertThat(expect(server.send("PATCH", own + device + "/", erinToken, obj("name", " ")), 400).has("name")).isTrue();
        assertThat(expect(server.get(own + device + "/", erinToken), 200).get("name").asString()).isEqualTo("YubiKey 5C");

        JsonNode admin = expect(server.get("/api/v3/authenticators/admin/webauthn/?user=" + erin, ADMIN), 200);
        assertThat(admin.get("results")).hasSize(1);
        assertThat(expect(server.get("/api/v3/authenticators/admin/webauthn/?user=" + frank, ADMIN), 200)
                .get("results")).isEmpty();

        expect(server.send("DELETE", own + device + "/", erinToken, null), 204);
        expect(server.get(own + device + "/", erinToken), 404);
        assertThat(expect(server.get(own, erinToken), 200).get("results")).isEmpty();
    }

    @Test
    void theSetupFlowExistsOnceAndNeedsASignedInUser() {
        JsonNode flows = expect(server.get("/api/v3/flows/instances/?slug=" + SETUP, ADMIN), 200);
        assertThat(flows.get("results")).hasSize(1);
        assertThat(flows.get("results").get(0).get("designation").asString()).isEqualTo("stage_configuration");
        JsonNode stages = expect(server.get("/api/v3/stages/authenticator/webauthn/?name=" + SETUP, ADMIN), 200);
        assertThat(stages.get("results")).hasSize(1);
        assertThat(stages.get("results").get(0).get("user_verification").asString()).isEqualTo("preferred");
        try (FlowClient anonymous = new FlowClient(server.base())) {
            assertThat(anonymous.current(SETUP, null).path("component").asString())
                    .isNotEqualTo("ak-stage-authenticator-webauthn");
        }
    }
}
