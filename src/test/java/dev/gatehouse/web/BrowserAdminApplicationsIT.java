package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.cli.GatehouseProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applications part of the admin interface in real headless Chromium ({@code browser-tests/admin-applications.test.mjs}):
 * the seed recipes clicked through the admin pages, then proven through the protocol. A Gatehouse server process;
 * the node test itself runs Debian's Caddy ({@code /usr/bin/caddy}) with the Caddy snippets the wizard's result
 * page printed (only the application's upstream address replaced) in front of an upstream that echoes the headers
 * it received, on {@code *.localhost} names at one port:
 * <ul>
 * <li>seed 004, Traefik domain-level forward auth: the embedded outpost's authentik_host set in its edit form (the
 * outposts page turns from red to green), a proxy provider in domain mode and its application in the generic
 * forms, the provider added to the embedded outpost in its edit form; a request through Caddy signs in and the
 * upstream receives the {@code X-authentik-*} headers;</li>
 * <li>seed 004, Servarr HTTP-Basic injection: a group with YAML attributes and the admin as member in the generic
 * group form, a single-application provider with the Basic keys through the wizard; the upstream receives
 * {@code Authorization: Basic base64(user:pass)};</li>
 * <li>seed 002, "Home forward auth": the wizard in domain mode with the explicit-consent flow and launch URL
 * {@code blank://blank}; the consent page is shown, and the application is not on the user portal;</li>
 * <li>the wizard for OAuth2: client id and secret on the result page, whose discovery URL answers with the issuer.</li>
 * </ul>
 * Screenshots of the wizard's steps, its result pages and the outposts page (red and green) at 1280 and 390 px.
 */
class BrowserAdminApplicationsIT {
    private static final String TEST = "admin-applications.test.mjs";
    private static final List<String> SCREENSHOTS = List.of("admin-outposts-red.png", "admin-outposts-red-phone.png",
            "admin-outposts-green.png", "admin-outposts-green-phone.png", "admin-outpost-edit.png", "admin-outpost-edit-phone.png", "admin-wizard-choose.png",
            "admin-wizard-choose-phone.png", "admin-wizard-form.png", "admin-wizard-form-phone.png",
            "admin-wizard-result-forward.png", "admin-wizard-result-forward-phone.png", "admin-wizard-result-oauth2.png",
            "admin-wizard-result-oauth2-phone.png");

    @TempDir
    Path dir;

    @Test
    void seedRecipesClickedInTheAdminInterfaceWorkThroughCaddyAndOpenIdConnect() throws Exception {
        assertThat(Path.of("/usr/bin/caddy")).as("Caddy (Debian package caddy)").isExecutable();
        BrowserTests.installPackages(dir);
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = "pw-" + HexFormat.of().formatHex(random);
        Map<String, String> env = new LinkedHashMap<>(GatehouseProcess.serverEnv(dir.resolve("data")));
        env.put("GATEHOUSE_BOOTSTRAP_PASSWORD", password);
        Path caddyDir = Files.createDirectories(dir.resolve("caddy"));
        try (GatehouseProcess server = GatehouseProcess.start(dir, env, "server")) {
            server.awaitReady();
            BrowserTests.Result node = BrowserTests.nodeTest(dir, TEST, Map.of(
                    "GATEHOUSE_URL", "http://localhost:" + server.httpPort(),
                    "GATEHOUSE_USER", "akadmin",
                    "GATEHOUSE_PASSWORD", password,
                    "CADDY_PORT", String.valueOf(GatehouseProcess.freePort()),
                    "CADDY_DIR", caddyDir.toString()));
            String caddyLog = Files.exists(caddyDir.resolve("caddy.log")) ? Files.readString(caddyDir.resolve("caddy.log")) : "";
            BrowserTests.assertAllPassed(node, TEST, server.stderr() + "\nCaddy:\n" + caddyLog);
            server.terminate();
            assertThat(server.awaitExit(Duration.ofSeconds(20))).as(server.stderr()).isIn(0, 143);
        }
        BrowserTests.assertScreenshotsKept(SCREENSHOTS);
    }
}
