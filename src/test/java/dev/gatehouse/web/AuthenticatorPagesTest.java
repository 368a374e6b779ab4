package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.stage.password.PasswordCheck;
import dev.gatehouse.authenticator.StaticDeviceStore;
import dev.gatehouse.authenticator.TotpDeviceStore;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authenticator pages as plain HTML forms (no JavaScript): the validate page's code form and device-class
 * choice, and the settings page's device list with rename and delete forms (session CSRF; another user's device
 * is not found).
 */
class AuthenticatorPagesTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    private static String user(String name) {
        long pk = ApiTestSupport.createUser(server, name);
        ApiTestSupport.expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ApiTestSupport.ADMIN,
                ApiTestSupport.obj("password", "pw-" + name + "-0123")), 204);
        return name;
    }

    private static long pk(String username) {
        return new UserStore(server.gatehouse().database().dsl()).byUsername(username)
                .orElseThrow().pk();
    }

    @Test
    void validatePageOffersTheOtherDeviceClassAndTakesARecoveryCodeAsAForm() {
        String name = user("page-carol");
        new TotpDeviceStore(server.gatehouse().database().dsl()).insert(pk(name), "Phone", "v1:unused", 6, 30, Instant.now());
        new StaticDeviceStore(server.gatehouse().database().dsl()).insert(pk(name), "Codes",
                List.of(dev.gatehouse.stage.authenticator_static.RecoveryCodes.hash("abcdefghjkmn")), Instant.now());
        String flow = "/if/flow/default-authentication-flow/";
        try (FlowClient browser = new FlowClient(server.base())) {
            String page = browser.getDirect(flow).body();
            browser.postFormDirect(flow, Map.of("csrf", csrf(page), "component", "ak-stage-identification", "uid_field", name));
            page = browser.getDirect(flow).body();
            browser.postFormDirect(flow, Map.of("csrf", csrf(page), "component", "ak-stage-password", "password",
                    "pw-" + name + "-0123"));
            page = browser.getDirect(flow).body();
            assertThat(page).contains("Code from your authenticator app").contains("name=\"selected_challenge\"")
                    .contains("Use a recovery code instead");
            String choice = page.replaceAll("(?s).*name=\"selected_challenge\" value=\"([^\"]+)\".*", "$1");
            assertThat(choice).startsWith("static:");
            HttpResponse<String> chosen = browser.postFormDirect(flow, Map.of("csrf", csrf(page),
                    "component", "ak-stage-authenticator-validate", "selected_challenge", choice));
            assertThat(chosen.statusCode()).isEqualTo(303);
            page = browser.getDirect(flow).body();
            assertThat(page).contains("Recovery code").contains("Use an authenticator app instead");
            HttpResponse<String> wrong = browser.postFormDirect(flow, Map.of("csrf", csrf(page),
                    "component", "ak-stage-authenticator-validate", "code", "zzzzzzzzzzzz"));
            assertThat(wrong.statusCode()).isEqualTo(200);
            assertThat(wrong.body()).contains("Invalid code").doesNotContain(PasswordCheck.THROTTLED);
            HttpResponse<String> right = browser.postFormDirect(flow, Map.of("csrf", csrf(wrong.body()),
                    "component", "ak-stage-authenticator-validate", "code", "ABCD-EFGH-JKMN"));
            assertThat(right.statusCode()).isEqualTo(303);
            assertThat(browser.getDirect(flow).statusCode()).as("done: redirected on").isEqualTo(302);
            assertThat(browser.get("/api/v3/core/users/me/").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void settingsPageListsRenamesAndDeletesOwnDevicesOnly() {
        String dave = user("page-dave");
        String erin = user("page-erin");
        try (FlowClient browser = new FlowClient(server.base())) {
            browser.run(dev.gatehouse.bootstrap.DefaultFlows.AUTHENTICATION, null, dave, "pw-" + dave + "-0123");
            long daves = new TotpDeviceStore(server.gatehouse().database().dsl()).insert(pk(dave), "Dave phone",
                    "v1:unused", 6, 30, Instant.now());
            long erins = new StaticDeviceStore(server.gatehouse().database().dsl()).insert(pk(erin), "Erin codes",
                    List.of(), Instant.now());
            String page = browser.getDirect("/if/user/").body();
            assertThat(page).contains("Dave phone").doesNotContain("Erin codes")
                    .contains("/if/flow/default-authenticator-totp-setup/").contains("/if/flow/default-authenticator-static-setup/");
            String csrf = csrf(page);

            String rename = "/if/user/devices/totp/" + daves + "/rename/";
            assertThat(browser.postFormDirect(rename, Map.of("csrf", "forged", "name", "x")).statusCode()).isEqualTo(403);
            assertThat(browser.postFormDirect(rename, Map.of("csrf", csrf, "name", "Work phone")).statusCode()).isEqualTo(303);
            assertThat(browser.getDirect("/if/user/").body()).contains("Work phone");

            assertThat(browser.postFormDirect("/if/user/devices/static/" + erins + "/delete/", Map.of("csrf", csrf))
                    .statusCode()).as("another user's device").isEqualTo(404);
            assertThat(new StaticDeviceStore(server.gatehouse().database().dsl()).rows("static").byPk(erins)).isPresent();

            assertThat(browser.postFormDirect("/if/user/devices/totp/" + daves + "/delete/", Map.of("csrf", csrf))
                    .statusCode()).isEqualTo(303);
            assertThat(browser.getDirect("/if/user/").body()).doesNotContain("Work phone").contains("no authenticator yet");
        }
    }

    @Test
    void settingsPageListsRenamesAndDeletesWebAuthnDevicesAndLinksToTheirSetup() {
        String fay = user("page-fay");
        String gus = user("page-gus");
        try (FlowClient browser = new FlowClient(server.base())) {
            browser.run(dev.gatehouse.bootstrap.DefaultFlows.AUTHENTICATION, null, fay, "pw-" + fay + "-0123");
            var store = new dev.gatehouse.webauthn.WebAuthnDeviceStore(server.gatehouse().database().dsl());
            long fays = store.insert(dev.gatehouse.webauthn.WebAuthnDevice.unsaved(pk(fay), "Fay key", "cred-page-fay",
                    "AA", 0, "00000000-0000-0000-0000-000000000000", "localhost", java.util.Set.of(), true, false, false,
                    Instant.now())).orElseThrow().pk();
            long gusKey = store.insert(dev.gatehouse.webauthn.WebAuthnDevice.unsaved(pk(gus), "Gus key", "cred-page-gus",
                    "AA", 0, "00000000-0000-0000-0000-000000000000", "localhost", java.util.Set.of(), true, false, false,
                    Instant.now())).orElseThrow().pk();
            String page = browser.getDirect("/if/user/").body();
            assertThat(page).contains("Fay key").contains("data-device-class=\"webauthn\"").contains("WebAuthn Device")
                    .doesNotContain("Gus key").contains("/if/flow/default-authenticator-webauthn-setup/");
            String csrf = csrf(page);
            assertThat(browser.postFormDirect("/if/user/devices/webauthn/" + fays + "/rename/",
                    Map.of("csrf", csrf, "name", "Fay YubiKey")).statusCode()).isEqualTo(303);
            assertThat(browser.getDirect("/if/user/").body()).contains("Fay YubiKey");
            assertThat(browser.postFormDirect("/if/user/devices/webauthn/" + gusKey + "/delete/", Map.of("csrf", csrf))
                    .statusCode()).as("another user's device").isEqualTo(404);
            assertThat(store.byPk(gusKey)).isPresent();
            assertThat(browser.postFormDirect("/if/user/devices/webauthn/" + fays + "/delete/", Map.of("csrf", csrf))
                    .statusCode()).isEqualTo(303);
            assertThat(store.byPk(fays)).isEmpty();
        }
    }
}
