package dev.gatehouse.webauthn;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.core.Json;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.stage.password.PasswordCheck;
import dev.gatehouse.session.SessionTables.Sessions;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * WebAuthn as one device class among the others, through the executor and devices APIs with a software
 * authenticator: the validate stage of default-authentication-flow asks a user with a security key for an
 * assertion after the password (amr pwd hwk mfa), refuses wrong ones and counts them in the login throttle; the
 * device is in {@code authenticators/all/} and another user's is not found; a passwordless passkey sign-in skips
 * the validate stage and is amr hwk.
 */
class WebAuthnValidateTest {
    private static final String AUTH = DefaultFlows.AUTHENTICATION;
    private static final String SETUP = DefaultFlows.WEBAUTHN_SETUP;
    private static final String VALIDATE = "ak-stage-authenticator-validate";
    private static final String PASSWORD = "Passw0rd-for-webauthn-validate";
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

    /** Signs in with the password (no device yet: no validate stage) and registers {@code key}; its device pk. */
    private static long enrol(String username, SoftwareAuthenticator key) {
        try (FlowClient c = new FlowClient(server.base())) {
            assertThat(c.run(AUTH, null, username, PASSWORD).path("component").asString()).isEqualTo(FlowClient.REDIRECT);
            JsonNode challenge = c.current(SETUP, null);
            JsonNode done = c.answer(SETUP, null, Map.of("component", "ak-stage-authenticator-webauthn",
                    "response", Json.map(key.create(Json.map(challenge.get("registration").toString()), server.base(),
                            "none"))));
            assertThat(done.path("component").asString()).as(done.toString()).isEqualTo(FlowClient.REDIRECT);
        }
        return new dev.gatehouse.webauthn.WebAuthnDeviceStore(server.gatehouse().database().dsl())
                .byCredentialId(key.credentialIdB64()).orElseThrow().pk();
    }

    private static Map<String, Object> webauthnChallenge(JsonNode validate) {
        assertThat(validate.path("component").asString()).as(validate.toString()).isEqualTo(VALIDATE);
        JsonNode challenges = validate.get("device_challenges");
        assertThat(challenges).hasSize(1);
        assertThat(challenges.get(0).get("device_class").asString()).isEqualTo("webauthn");
        return Json.map(challenges.get(0).get("challenge").toString());
    }

    private static JsonNode answer(FlowClient c, String credential) {
        return c.answer(AUTH, null, Map.of("component", VALIDATE, "webauthn", Json.map(credential)));
    }

    /** The amr of the user's newest session. */
    private static String sessionAmr(long user) {
        return server.gatehouse().database().dsl().select(Sessions.AMR).from(Sessions.T).where(Sessions.USER.eq(user))
                .orderBy(Sessions.CREATED.desc()).limit(1).fetchOne(Sessions.AMR);
    }

    @Test
    void afterThePasswordTheValidateStageAsksForTheSecurityKeyAndTheSessionIsPwdHwkMfa() {
        long gina = user("gina");
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        long device = enrol("gina", key);
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode validate = c.run(AUTH, null, "gina", PASSWORD);
            assertThat(validate.get("device_challenges").get(0).get("device_uid").asString()).isEqualTo(Long.toString(device));
            Map<String, Object> options = webauthnChallenge(validate);
            assertThat(options.get("rpId")).isEqualTo("127.0.0.1");
            assertThat(options.get("userVerification")).as("the stage's webauthn_user_verification default")
                    .isEqualTo("preferred");
            assertThat(options.get("allowCredentials"))
                    .isEqualTo(List.of(Map.of("type", "public-key", "id", key.credentialIdB64(), "transports", List.of("internal"))));
            JsonNode done = answer(c, key.get(options, server.base()));
            assertThat(done.path("component").asString()).as(done.toString()).isEqualTo(FlowClient.REDIRECT);
            assertThat(c.parse(c.get("/api/v3/core/users/me/")).get("user").get("username").asString()).isEqualTo("gina");
        }
        assertThat(sessionAmr(gina)).isEqualTo("pwd hwk mfa");
        JsonNode stored = expect(server.get("/api/v3/authenticators/admin/webauthn/" + device + "/", ADMIN), 200);
        assertThat(stored.get("last_used").isNull()).as("the validation is recorded as the device's last use").isFalse();
    }

    @Test
    void wrongAssertionsAreRefusedAndCountInTheLoginThrottle() {
        user("hank");
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        enrol("hank", key);
        SoftwareAuthenticator forger = new SoftwareAuthenticator(); // hank's credential id, another private key
        System.arraycopy(key.credentialId, 0, forger.credentialId, 0, key.credentialId.length);
        forger.userHandle = key.userHandle;
        String good;
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode current = c.run(AUTH, null, "hank", PASSWORD);
            JsonNode refused = answer(c, forger.get(webauthnChallenge(current), server.base()));
            assertThat(refused.get("response_errors").get("webauthn").get(0).get("string").asString())
                    .isEqualTo("The authenticator's answer was not accepted.");
            // the refusal comes with a fresh challenge, which the right key answers
            good = key.get(webauthnChallenge(refused), server.base());
            assertThat(answer(c, good).path("component").asString()).isEqualTo(FlowClient.REDIRECT);
        }
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode current = c.run(AUTH, null, "hank", PASSWORD);
            current = answer(c, good);
            assertThat(current.get("response_errors").get("webauthn").get(0).get("string").asString())
                    .as("a replayed assertion (its challenge used up)")
                    .isEqualTo("The authenticator's answer was not accepted.");
            String last = null;
            for (int i = 0; i < 12; i++) {
                current = answer(c, forger.get(webauthnChallenge(current), server.base()));
                last = current.get("response_errors").get("webauthn").get(0).get("string").asString();
            }
            assertThat(last).isEqualTo(PasswordCheck.THROTTLED);
            JsonNode right = answer(c, key.get(webauthnChallenge(current), server.base()));
            assertThat(right.get("response_errors").get("webauthn").get(0).get("string").asString())
                    .as("even the right key waits once the bucket is empty").isEqualTo(PasswordCheck.THROTTLED);
        }
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode password = c.run(AUTH, null, "hank", PASSWORD);
            assertThat(password.get("response_errors").get("password").get(0).get("string").asString())
                    .as("the password is throttled too").isEqualTo(PasswordCheck.THROTTLED);
        }
    }

    @Test
    void theDeviceIsListedWithTheOthersAndAnotherUsersIsNotFound() {
        long ivy = user("ivy");
        long jack = user("jack");
        String ivyToken = ApiTestSupport.createToken(server, "ivy-api", "api", ivy);
        String jackToken = ApiTestSupport.createToken(server, "jack-api", "api", jack);
        long device = enrol("ivy", new SoftwareAuthenticator());

        JsonNode all = expect(server.get("/api/v3/authenticators/all/", ivyToken), 200);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).get("pk").asString()).isEqualTo(Long.toString(device));
        assertThat(all.get(0).get("type").asString()).isEqualTo("authentik_stages_authenticator_webauthn.WebAuthnDevice");
        assertThat(all.get(0).get("meta_model_name").asString())
                .isEqualTo("authentik_stages_authenticator_webauthn.webauthndevice");
        assertThat(all.get(0).get("verbose_name").asString()).isEqualTo("WebAuthn Device");
        assertThat(expect(server.get("/api/v3/authenticators/all/", jackToken), 200)).isEmpty();

        String path = "/api/v3/authenticators/webauthn/" + device + "/";
        assertThat(expect(server.get(path, jackToken), 404).get("detail").asString()).isEqualTo("Not found.");
        expect(server.send("PUT", path, jackToken, obj("name", "mine")), 404);
        expect(server.send("DELETE", path, jackToken, null), 404);
        assertThat(expect(server.get(path, ivyToken), 200).get("aaguid").asString())
                .isEqualTo(SoftwareAuthenticator.AAGUID_.getValue().toString());
        String longName = "k".repeat(200);
        assertThat(expect(server.send("PATCH", path, ivyToken, obj("name", longName)), 200).get("name").asString())
                .as("authentik's WebAuthn device names take 200 characters").isEqualTo(longName);
        assertThat(expect(server.send("PATCH", path, ivyToken, obj("name", longName + "k")), 400).has("name")).isTrue();
    }

    @Test
    void aPasswordlessPasskeySignInSkipsTheValidateStageAndIsHwk() {
        long kim = user("kim");
        SoftwareAuthenticator key = new SoftwareAuthenticator();
        enrol("kim", key);
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode identification = c.current(AUTH, null);
            Map<String, Object> request = Json.map(identification.get("passkey_challenge").toString());
            JsonNode done = c.answer(AUTH, null, Map.of("component", FlowClient.IDENTIFICATION,
                    "passkey", key.get(request, server.base())));
            assertThat(done.path("component").asString()).as("neither password nor validate stage: %s", done)
                    .isEqualTo(FlowClient.REDIRECT);
        }
        assertThat(sessionAmr(kim)).isEqualTo("hwk");
        try (FlowClient c = new FlowClient(server.base())) {
            webauthnChallenge(c.run(AUTH, null, "kim", PASSWORD));
        }
    }
}
