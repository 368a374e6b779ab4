package dev.gatehouse.provider.ldap;

import static dev.gatehouse.provider.ldap.LdapKit.userDn;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * MFA inside an LDAP bind (CONTRACT.md, issue 7): the provider's bind flow is the default authentication flow,
 * whose authenticator_validate stage asks users who have a device. {@code password;<code>} answers it with a TOTP
 * code from {@code oathtool} (Debian's, an independent implementation) or a static recovery code; each code works
 * once, and without a code or with a wrong one the bind is invalidCredentials (49). A user without a device binds
 * with the password alone.
 */
class LdapMfaBindTest {
    private static final String PASSWORD = "dave-password-1";
    private static TestServer server;
    private static String secret;
    private static final List<String> recoveryCodes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        LdapKit kit = new LdapKit(server);
        kit.user("dave", PASSWORD);
        kit.user("erin", "erin-password-1");
        kit.provider("ldap-mfa");
        Eventually.within(Duration.ofSeconds(10), "LDAP listening", () -> server.gatehouse().ldapPort() != 0);
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode end = c.run("default-authentication-flow", null, "dave", PASSWORD);
            assertThat(end.get("component").asString()).as("%s", end).isEqualTo(FlowClient.REDIRECT);
            JsonNode totp = c.current(DefaultFlows.TOTP_SETUP, null);
            secret = secretOf(totp.get("config_url").asString());
            JsonNode enrolled = c.answer(DefaultFlows.TOTP_SETUP, null, Map.of("component", "ak-stage-authenticator-totp",
                    "code", oathtool("--totp", "-b", secret)));
            assertThat(enrolled.get("component").asString()).as("%s", enrolled).isEqualTo(FlowClient.REDIRECT);
            JsonNode shown = c.current(DefaultFlows.STATIC_SETUP, null);
            shown.get("codes").forEach(n -> recoveryCodes.add(n.asString()));
            assertThat(c.answer(DefaultFlows.STATIC_SETUP, null, Map.of("component", "ak-stage-authenticator-static"))
                    .get("component").asString()).isEqualTo(FlowClient.REDIRECT);
        }
        assertThat(recoveryCodes).hasSize(6);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String secretOf(String configUrl) {
        for (String pair : URI.create(configUrl).getRawQuery().split("&")) {
            if (pair.startsWith("secret=")) {
                return pair.substring("secret=".length());
            }
        }
        throw new AssertionError("no secret in " + configUrl);
    }

    private static String oathtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("oathtool"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("oathtool: %s", out).isZero();
        return out;
    }

    private static ResultCode bind(String user, String password) {
        try (LDAPConnection c = new LDAPConnection("127.0.0.1", server.gatehouse().ldapPort())) {
            return c.bind(userDn(user), password).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    @Test
    void aTotpCodeFromOathtoolAfterTheLastSemicolonCompletesTheBindOnce() throws Exception {
        assertThat(bind("dave", PASSWORD)).as("the device asks for a code").isEqualTo(ResultCode.INVALID_CREDENTIALS);
        // The enrolment spent the current step: oathtool's code of the next one (within the one step of skew).
        String code = oathtool("--totp", "-b", "--now", "@" + (Instant.now().getEpochSecond() + 30), secret);
        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(bind("dave", PASSWORD + ";" + wrong)).as("a wrong code").isEqualTo(ResultCode.INVALID_CREDENTIALS);
        assertThat(bind("dave", "not-the-password;" + code)).as("a right code with a wrong password")
                .isEqualTo(ResultCode.INVALID_CREDENTIALS);
        assertThat(bind("dave", PASSWORD + ";" + code)).isEqualTo(ResultCode.SUCCESS);
        assertThat(bind("dave", PASSWORD + ";" + code)).as("the same code again").isEqualTo(ResultCode.INVALID_CREDENTIALS);
    }

    @Test
    void aRecoveryCodeCompletesTheBindOnce() {
        String code = recoveryCodes.get(3);
        assertThat(bind("dave", PASSWORD + ";" + code)).isEqualTo(ResultCode.SUCCESS);
        assertThat(bind("dave", PASSWORD + ";" + code)).as("a recovery code is single use")
                .isEqualTo(ResultCode.INVALID_CREDENTIALS);
    }

    @Test
    void aUserWithoutADeviceBindsWithThePasswordAlone() {
        assertThat(bind("erin", "erin-password-1")).isEqualTo(ResultCode.SUCCESS);
    }
}
