package dev.gatehouse.provider.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import dev.gatehouse.crypto.totp.Base32;
import dev.gatehouse.crypto.totp.Totp;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The id_token's {@code amr} (RFC 8176) says how the user signed in, checked by Nimbus as the relying party:
 * {@code pwd} after a password, {@code pwd otp mfa} after a password and a TOTP code or a static code; {@code acr}
 * stays authentik's.
 */
class AmrClaimTest {
    private static TestServer server;
    private static OAuth2Fixture app;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        app = OAuth2Fixture.create(server, "amr-app", Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private IDTokenClaimsSet idTokenAfterSignIn(FlowClient browser) throws Exception {
        Nonce nonce = new Nonce();
        return app.validIdToken(app.codeFlow(browser, new Scope("openid"), nonce).getIDToken(), nonce);
    }

    private static List<String> amr(IDTokenClaimsSet claims) {
        return claims.getAMR().stream().map(a -> a.getValue()).toList();
    }

    @Test
    void passwordOnlyIsPwdAndPasswordWithTotpIsPwdOtpMfa() throws Exception {
        String secret;
        try (FlowClient browser = new FlowClient(server.base())) {
            JsonNode end = browser.run(DefaultFlows.AUTHENTICATION, null, "akadmin", TestServer.ADMIN_PASSWORD);
            assertThat(end.get("component").asString()).isEqualTo(FlowClient.REDIRECT);
            IDTokenClaimsSet claims = idTokenAfterSignIn(browser);
            assertThat(amr(claims)).containsExactly("pwd");
            assertThat(claims.getACR().getValue()).isEqualTo("goauthentik.io/providers/oauth2/default");

            // enroll TOTP while signed in
            JsonNode setup = browser.current(DefaultFlows.TOTP_SETUP, null);
            secret = setup.get("config_url").asString().replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1");
            assertThat(browser.answer(DefaultFlows.TOTP_SETUP, null, Map.of("component", "ak-stage-authenticator-totp",
                    "code", code(secret, 0))).get("component").asString()).isEqualTo(FlowClient.REDIRECT);
        }
        try (FlowClient browser = new FlowClient(server.base())) {
            JsonNode validate = browser.run(DefaultFlows.AUTHENTICATION, null, "akadmin", TestServer.ADMIN_PASSWORD);
            assertThat(validate.get("component").asString()).isEqualTo("ak-stage-authenticator-validate");
            JsonNode end = browser.answer(DefaultFlows.AUTHENTICATION, null,
                    Map.of("component", "ak-stage-authenticator-validate", "code", code(secret, 1)));
            assertThat(end.get("component").asString()).isEqualTo(FlowClient.REDIRECT);
            assertThat(amr(idTokenAfterSignIn(browser))).containsExactly("pwd", "otp", "mfa");
        }
    }

    private static String code(String secret, long offset) {
        return Totp.code(Base32.decode(secret), Totp.step(Instant.now(), 30) + offset, 6);
    }
}
