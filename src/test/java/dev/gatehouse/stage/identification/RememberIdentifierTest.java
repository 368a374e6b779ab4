package dev.gatehouse.stage.identification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The identification stage's {@code enable_remember_me}: "Remember me on this device" keeps the identifier in a
 * cookie of this browser, the next sign-in fills it in; unticked, the cookie is removed; switched off, neither
 * the choice nor a remembered identifier appears.
 */
class RememberIdentifierTest {
    private static final String PAGE = "/if/flow/default-authentication-flow/";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern FLOW_COOKIE = Pattern.compile("gatehouse_flow=([^;]+)");
    private static TestServer server;
    private static Stage identification;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        identification = new StageStore(server.gatehouse().database().dsl()).byName("default-authentication-identification")
                .orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void rememberMe(boolean on) {
        HttpResponse<String> patched = server.send("PATCH", "/api/v3/stages/identification/" + identification.pk() + "/",
                TestServer.ADMIN_TOKEN, "{\"enable_remember_me\":" + on + "}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    @Test
    void aTickedChoiceIsRememberedAndFilledInNextTimeAnUntickedOneForgotten() throws Exception {
        rememberMe(true);
        Browser first = new Browser(null);
        String page = first.get();
        assertThat(page).contains("Remember me on this device").doesNotContain("value=\"akadmin\"");
        HttpResponse<String> answered = first.post("csrf=" + enc(csrf(page))
                + "&component=ak-stage-identification&uid_field=akadmin&remember_me=true");
        String cookie = setCookie(answered, "gatehouse_remember=").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").containsPattern("Max-Age=3153\\d{4}");

        Browser next = new Browser(cookie.substring(0, cookie.indexOf(';')));
        String again = next.get();
        assertThat(again).contains("value=\"akadmin\"");
        assertThat(again).containsPattern("name=\"remember_me\" value=\"true\" checked");
        HttpResponse<String> unticked = next.post("csrf=" + enc(csrf(again))
                + "&component=ak-stage-identification&uid_field=akadmin");
        assertThat(setCookie(unticked, "gatehouse_remember=").orElseThrow()).contains("Max-Age=0");
    }

    @Test
    void switchedOffNeitherOffersTheChoiceNorFillsInARememberedIdentifier() throws Exception {
        rememberMe(false);
        String remembered = "gatehouse_remember=" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("akadmin".getBytes(StandardCharsets.UTF_8));
        Browser browser = new Browser(remembered);
        String page = browser.get();
        assertThat(page).doesNotContain("Remember me on this device").doesNotContain("value=\"akadmin\"");
        HttpResponse<String> answered = browser.post("csrf=" + enc(csrf(page))
                + "&component=ak-stage-identification&uid_field=akadmin&remember_me=true");
        assertThat(setCookie(answered, "gatehouse_remember=")).isEmpty();
    }

    @Test
    void anUnreadableCookieIsIgnored() throws Exception {
        rememberMe(true);
        String page = new Browser("gatehouse_remember=%%%not-base64").get();
        assertThat(page).contains("Remember me on this device").doesNotContain("value=\"%");
    }

    /** One browser: its flow cookie, plus the cookie it starts with. */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        private final String extra;
        private String flow;

        Browser(String extra) {
            this.extra = extra;
        }

        String get() throws Exception {
            HttpResponse<String> r = http.send(request().build(), HttpResponse.BodyHandlers.ofString());
            keep(r);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return r.body();
        }

        HttpResponse<String> post(String form) throws Exception {
            HttpResponse<String> r = http.send(request().header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            keep(r);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
            return r;
        }

        private HttpRequest.Builder request() {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + PAGE));
            String cookies = String.join("; ", java.util.stream.Stream.of(extra, flow == null ? null : "gatehouse_flow=" + flow)
                    .filter(java.util.Objects::nonNull).toList());
            return cookies.isEmpty() ? b : b.header("Cookie", cookies);
        }

        private void keep(HttpResponse<String> r) {
            for (String c : r.headers().allValues("Set-Cookie")) {
                Matcher m = FLOW_COOKIE.matcher(c);
                if (m.lookingAt()) {
                    flow = m.group(1);
                }
            }
        }
    }

    private static Optional<String> setCookie(HttpResponse<String> r, String prefix) {
        List<String> all = r.headers().allValues("Set-Cookie");
        return all.stream().filter(c -> c.startsWith(prefix)).findFirst();
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
