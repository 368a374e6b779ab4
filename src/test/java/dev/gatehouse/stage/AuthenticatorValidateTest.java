package dev.gatehouse.stage;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.crypto.totp.Base32;
import dev.gatehouse.crypto.totp.Totp;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.stage.password.PasswordCheck;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The authenticator stages through the flow executor API (issue 6): TOTP and static-code enrollment in the setup
 * flows, the validate stage of the default authentication flow (skip for users without a device, TOTP codes from
 * oathtool accepted once, static codes once, {@code selected_challenge}), {@code not_configured_action} deny and
 * configure (seed 004: TOTP only, the TOTP setup stage offered), a choice of configuration stages, and wrong codes
 * in the login throttle.
 */
class AuthenticatorValidateTest {
    static final String AUTH = DefaultFlows.AUTHENTICATION;
    static final String VALIDATE = "ak-stage-authenticator-validate";
    static final String PASSWORD = "user password 0123";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String newUser(TestServer server) {
        String name = "mfa-user-" + COUNTER.incrementAndGet();
        long pk = ApiTestSupport.createUser(server, name);
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN, obj("password", PASSWORD)), 204);
        return name;
    }

    /** Signs in through {@code slug} up to the first challenge after the password. */
    static JsonNode untilAfterPassword(FlowClient c, String slug, String user) {
        return c.run(slug, null, user, PASSWORD);
    }

    /** Enrolls a TOTP device for a signed-in client; returns the base32 secret. */
    static String enrollTotp(FlowClient c) throws Exception {
        JsonNode challenge = c.current(DefaultFlows.TOTP_SETUP, null);
        assertThat(challenge.get("component").asString()).as("%s", challenge).isEqualTo("ak-stage-authenticator-totp");
        String secret = secretOf(challenge.get("config_url").asString());
        JsonNode done = c.answer(DefaultFlows.TOTP_SETUP, null, Map.of("component", "ak-stage-authenticator-totp",
                "code", oathtool("--totp", "-b", secret)));
        assertThat(done.get("component").asString()).as("%s", done).isEqualTo(FlowClient.REDIRECT);
        return secret;
    }

    static String secretOf(String configUrl) {
        String query = URI.create(configUrl).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("secret=")) {
                return pair.substring("secret=".length());
            }
        }
        throw new AssertionError("no secret in " + configUrl);
    }

    static Map<String, Object> code(String code) {
        return Map.of("component", VALIDATE, "code", code);
    }

    static String totpAt(String secret, long stepOffset) {
        byte[] key = Base32.decode(secret);
        return Totp.code(key, Totp.step(Instant.now(), 30) + stepOffset, 6);
    }

    static String oathtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("oathtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("oathtool: %s", out).isZero();
        return out;
    }

    static String stagePk(String name) {
        JsonNode list = expect(server.get("/api/v3/stages/all/?name=" + ApiTestSupport.q(name), ADMIN), 200);
        assertThat(list.get("results")).as("stage %s", name).hasSize(1);
        return list.get("results").get(0).get("pk").asString();
    }

    /** A copy of the default authentication flow with its own validate stage of the given config. */
    static String flowWithValidate(Map<String, Object> config) {
        String slug = "mfa-flow-" + COUNTER.incrementAndGet();
        String flow = expect(server.send("POST", "/api/v3/flows/instances/", ADMIN, obj("slug", slug, "name", slug,
                "title", "Welcome", "designation", "authentication")), 201).get("pk").asString();
        Map<String, Object> body = new LinkedHashMap<>(config);
        body.put("name", slug + "-validate");
        String validate = expect(server.send("POST", "/api/v3/stages/authenticator/validate/", ADMIN,
                ApiTestSupport.JSON.writeValueAsString(body)), 201).get("pk").asString();
        bind(flow, stagePk("default-authentication-identification"), 10);
        bind(flow, stagePk("default-authentication-password"), 20);
        bind(flow, validate, 30);
        bind(flow, stagePk("default-authentication-login"), 100);
        return slug;
    }

    private static void bind(String flow, String stage, int order) {
        expect(server.send("POST", "/api/v3/flows/bindings/", ADMIN, obj("target", flow, "stage", stage, "order", order)), 201);
    }

    private static boolean signedIn(FlowClient c) {
        return c.get("/api/v3/core/users/me/").statusCode() == 200;
    }

    @Test
    void userWithoutDeviceSkipsTheDefaultValidateStage() {
        String user = newUser(server);
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode end = untilAfterPassword(c, AUTH, user);
            assertThat(end.get("component").asString()).as("%s", end).isEqualTo(FlowClient.REDIRECT);
            assertThat(signedIn(c)).isTrue();
        }
    }

    @Test
    void totpEnrolledThenLoginAsksForACodeAcceptsOathtoolsAndRefusesItsReplay() throws Exception {
        String user = newUser(server);
        String secret;
        try (FlowClient c = new FlowClient(server.base())) {
            untilAfterPassword(c, AUTH, user);
            secret = enrollTotp(c);
        }
        String code;
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode validate = untilAfterPassword(c, AUTH, user);
            assertThat(validate.get("component").asString()).as("%s", validate).isEqualTo(VALIDATE);
            assertThat(validate.get("device_challenges")).hasSize(1);
            assertThat(validate.get("device_challenges").get(0).get("device_class").asString()).isEqualTo("totp");
            assertThat(signedIn(c)).isFalse();

            JsonNode wrong = c.answer(AUTH, null, code("000000".equals(totpAt(secret, 0)) ? "111111" : "000000"));
            assertThat(wrong.get("response_errors").get("code").get(0).get("string").asString()).isEqualTo("Invalid code");

            // The enrolling code's step is spent: oathtool's code of the next step (within the ±1 step of skew).
            code = oathtool("--totp", "-b", "--now", "@" + (Instant.now().getEpochSecond() + 30), secret);
            JsonNode end = c.answer(AUTH, null, code(code));
            assertThat(end.get("component").asString()).as("%s", end).isEqualTo(FlowClient.REDIRECT);
            assertThat(signedIn(c)).isTrue();
        }
        try (FlowClient c = new FlowClient(server.base())) {
            untilAfterPassword(c, AUTH, user);
            JsonNode replay = c.answer(AUTH, null, code(code));
            assertThat(replay.get("component").asString()).isEqualTo(VALIDATE);
            assertThat(replay.get("response_errors").get("code").get(0).get("string").asString()).isEqualTo("Invalid code");
            long nowSeconds = Instant.now().getEpochSecond();
            String twoStepsOld = oathtool("--totp", "-b", "--now", "@" + (nowSeconds - 60), secret);
            assertThat(c.answer(AUTH, null, code(twoStepsOld)).has("response_errors")).isTrue();
            assertThat(signedIn(c)).isFalse();
        }
    }

    @Test
    void staticCodesWorkOnceAndSelectedChallengePicksTheClass() throws Exception {
        String user = newUser(server);
        List<String> codes = new ArrayList<>();
        try (FlowClient c = new FlowClient(server.base())) {
            untilAfterPassword(c, AUTH, user);
            enrollTotp(c);
            JsonNode shown = c.current(DefaultFlows.STATIC_SETUP, null);
            assertThat(shown.get("component").asString()).isEqualTo("ak-stage-authenticator-static");
            shown.get("codes").forEach(n -> codes.add(n.asString()));
            assertThat(codes).hasSize(6).allMatch(s -> s.matches("[23456789a-hjkmnp-z]{12}"));
            JsonNode done = c.answer(DefaultFlows.STATIC_SETUP, null, Map.of("component", "ak-stage-authenticator-static"));
            assertThat(done.get("component").asString()).isEqualTo(FlowClient.REDIRECT);
        }
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode validate = untilAfterPassword(c, AUTH, user);
            List<String> classes = new ArrayList<>();
            validate.get("device_challenges").forEach(d -> classes.add(d.get("device_class").asString()));
            assertThat(classes).containsExactly("totp", "static");
            JsonNode staticChallenge = validate.get("device_challenges").get(1);

            JsonNode bogus = c.answer(AUTH, null, Map.of("component", VALIDATE, "selected_challenge",
                    Map.of("device_class", "static", "device_uid", "999999")));
            assertThat(bogus.get("response_errors").has("selected_challenge")).isTrue();

            JsonNode chosen = c.answer(AUTH, null, Map.of("component", VALIDATE, "selected_challenge", staticChallenge));
            assertThat(chosen.has("response_errors")).as("%s", chosen).isFalse();
            assertThat(chosen.get("selected_challenge").get("device_class").asString()).isEqualTo("static");
            // With the static class chosen, a valid TOTP code is not taken for it.
            assertThat(c.answer(AUTH, null, code(totpAt(DefaultFlowsSecrets.none(), 0))).has("response_errors")).isTrue();

            JsonNode end = c.answer(AUTH, null, code(codes.getFirst().toUpperCase()));
            assertThat(end.get("component").asString()).as("%s", end).isEqualTo(FlowClient.REDIRECT);
        }
        try (FlowClient c = new FlowClient(server.base())) {
            untilAfterPassword(c, AUTH, user);
            JsonNode reused = c.answer(AUTH, null, code(codes.getFirst()));
            assertThat(reused.get("response_errors").get("code").get(0).get("string").asString()).isEqualTo("Invalid code");
            JsonNode second = c.answer(AUTH, null, code(codes.get(1)));
            assertThat(second.get("component").asString()).isEqualTo(FlowClient.REDIRECT);
        }
    }

    @Test
    void denyRefusesAUserWithoutDevice() {
        String slug = flowWithValidate(Map.of("not_configured_action", "deny", "device_classes", List.of("totp")));
        String user = newUser(server);
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode end = untilAfterPassword(c, slug, user);
            assertThat(end.get("component").asString()).as("%s", end).isEqualTo(FlowClient.ACCESS_DENIED);
            assertThat(signedIn(c)).isFalse();
        }
    }

    @Test
    void seed004ConfigureForcesTotpSetupAtFirstLoginAndAsksForACodeAtTheNext() throws Exception {
        String slug = flowWithValidate(Map.of("not_configured_action", "configure", "device_classes", List.of("totp"),
                "configuration_stages", List.of(stagePk("default-authenticator-totp-setup"))));
        String user = newUser(server);
        String secret;
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode setup = untilAfterPassword(c, slug, user);
            assertThat(setup.get("component").asString()).as("%s", setup).isEqualTo("ak-stage-authenticator-totp");
            assertThat(setup.get("config_url").asString()).startsWith("otpauth://totp/").contains(user);
            secret = secretOf(setup.get("config_url").asString());
            JsonNode wrong = c.answer(slug, null, Map.of("component", "ak-stage-authenticator-totp", "code", "12"));
            assertThat(wrong.get("response_errors").has("code")).isTrue();
            JsonNode end = c.answer(slug, null, Map.of("component", "ak-stage-authenticator-totp",
                    "code", oathtool("--totp", "-b", secret)));
            assertThat(end.get("component").asString()).as("%s", end).isEqualTo(FlowClient.REDIRECT);
            assertThat(signedIn(c)).isTrue();
        }
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode validate = untilAfterPassword(c, slug, user);
            assertThat(validate.get("component").asString()).as("%s", validate).isEqualTo(VALIDATE);
            JsonNode end = c.answer(slug, null, code(totpAt(secret, 1)));
            assertThat(end.get("component").asString()).as("%s", end).isEqualTo(FlowClient.REDIRECT);
        }
    }

    @Test
    void configureWithSeveralStagesLetsTheUserPickOne() {
        String totpStage = stagePk("default-authenticator-totp-setup");
        String staticStage = stagePk("default-authenticator-static-setup");
        String slug = flowWithValidate(Map.of("not_configured_action", "configure", "device_classes",
                List.of("totp", "static"), "configuration_stages", List.of(totpStage, staticStage)));
        String user = newUser(server);
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode choose = untilAfterPassword(c, slug, user);
            assertThat(choose.get("component").asString()).isEqualTo(VALIDATE);
            assertThat(choose.get("device_challenges")).isEmpty();
            List<String> offered = new ArrayList<>();
            choose.get("configuration_stages").forEach(s -> offered.add(s.get("pk").asString()));
            assertThat(offered).containsExactly(totpStage, staticStage);
            assertThat(c.answer(slug, null, Map.of("component", VALIDATE, "selected_stage", "nope"))
                    .get("response_errors").has("selected_stage")).isTrue();
            JsonNode codes = c.answer(slug, null, Map.of("component", VALIDATE, "selected_stage", staticStage));
            assertThat(codes.get("component").asString()).as("%s", codes).isEqualTo("ak-stage-authenticator-static");
            JsonNode end = c.answer(slug, null, Map.of("component", "ak-stage-authenticator-static"));
            assertThat(end.get("component").asString()).isEqualTo(FlowClient.REDIRECT);
        }
    }

    @Test
    void validateConfigIsCheckedWhenSaved() {
        JsonNode errors = expect(server.send("POST", "/api/v3/stages/authenticator/validate/", ADMIN, obj("name", "bad-validate",
                "not_configured_action", "configure", "device_classes", List.of("totp", "carrier-pigeon"),
                "last_auth_threshold", "fortnight")), 400);
        assertThat(errors.has("device_classes")).isTrue();
        assertThat(errors.has("last_auth_threshold")).isTrue();
        JsonNode noStages = expect(server.send("POST", "/api/v3/stages/authenticator/validate/", ADMIN, obj("name",
                "bad-validate-2", "not_configured_action", "configure")), 400);
        assertThat(noStages.has("not_configured_action")).isTrue();
        JsonNode wrongType = expect(server.send("POST", "/api/v3/stages/authenticator/validate/", ADMIN, obj("name",
                "bad-validate-3", "configuration_stages", List.of(stagePk("default-authentication-password")))), 400);
        assertThat(wrongType.has("configuration_stages")).isTrue();
    }

    @Test
    void lastAuthThresholdSkipsTheStageAfterARecentValidation() throws Exception {
        String slug = flowWithValidate(Map.of("device_classes", List.of("totp"), "last_auth_threshold", "minutes=5"));
        String user = newUser(server);
        String secret;
        try (FlowClient c = new FlowClient(server.base())) {
            untilAfterPassword(c, AUTH, user);
            secret = enrollTotp(c);
        }
        try (FlowClient c = new FlowClient(server.base())) {
            // Enrolling is not a validation: the first sign-in still asks.
            assertThat(untilAfterPassword(c, slug, user).get("component").asString()).isEqualTo(VALIDATE);
            assertThat(c.answer(slug, null, code(totpAt(secret, 1))).get("component").asString()).isEqualTo(FlowClient.REDIRECT);
        }
        try (FlowClient c = new FlowClient(server.base())) {
            assertThat(untilAfterPassword(c, slug, user).get("component").asString()).isEqualTo(FlowClient.REDIRECT);
        }
        try (FlowClient c = new FlowClient(server.base())) {
            assertThat(untilAfterPassword(c, AUTH, user).get("component").asString())
                    .as("the default stage has no threshold").isEqualTo(VALIDATE);
        }
    }

    @Test
    void wrongCodesCountInThePasswordThrottle() throws Exception {
        String user = newUser(server);
        String secret;
        try (FlowClient c = new FlowClient(server.base())) {
            untilAfterPassword(c, AUTH, user);
            secret = enrollTotp(c);
        }
        try (FlowClient c = new FlowClient(server.base())) {
            untilAfterPassword(c, AUTH, user);
            String wrong = totpAt(secret, 0).equals("000000") ? "999999" : "000000";
            String last = null;
            for (int i = 0; i < 12; i++) {
                last = c.answer(AUTH, null, code(wrong)).get("response_errors").get("code").get(0).get("string").asString();
            }
            assertThat(last).isEqualTo(PasswordCheck.THROTTLED);
            JsonNode right = c.answer(AUTH, null, code(totpAt(secret, 1)));
            assertThat(right.get("response_errors").get("code").get(0).get("string").asString())
                    .isEqualTo(PasswordCheck.THROTTLED);
        }
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode password = c.run(AUTH, null, user, PASSWORD);
            assertThat(password.get("response_errors").get("password").get(0).get("string").asString())
                    .as("the password is throttled too").isEqualTo(PasswordCheck.THROTTLED);
        }
    }

    /** A secret no device has, for a code that is valid TOTP but for no enrolled device. */
    static final class DefaultFlowsSecrets {
        static String none() {
            return Base32.encode(new byte[20]);
        }
    }
}
