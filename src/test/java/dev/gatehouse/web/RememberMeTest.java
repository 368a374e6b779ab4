package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.testing.TestServer;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** user_login with remember_me_offset: the page asks "stay signed in?", yes makes a lasting session cookie. */
class RememberMeTest {
    private static final String PAGE = "/if/flow/default-authentication-flow/";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        Stage login = new StageStore(server.gatehouse().database().dsl()).byName("default-authentication-login")
                .orElseThrow();
        HttpResponse<String> patched = server.send("PATCH", "/api/v3/stages/user_login/" + login.pk() + "/",
                TestServer.ADMIN_TOKEN, "{\"remember_me_offset\":\"days=30\"}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String sessionCookieAfterLogin(boolean remember) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String csrf = csrf(get(http));
        post(http, "csrf=" + enc(csrf) + "&component=ak-stage-identification&uid_field=akadmin");
        csrf = csrf(get(http));
        post(http, "csrf=" + enc(csrf) + "&component=ak-stage-password&password=" + enc(TestServer.ADMIN_PASSWORD));
        String page = get(http);
        assertThat(page).contains("Stay signed in");
        HttpResponse<String> last = post(http, "csrf=" + enc(csrf(page)) + "&component=ak-stage-user-login"
                + (remember ? "&remember_me=true" : ""));
        return last.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gatehouse_session="))
                .findFirst().orElseThrow();
    }

    @Test
    void stayingSignedInGivesALastingCookieOtherwiseABrowserSessionOne() throws Exception {
        String lasting = sessionCookieAfterLogin(true);
        String browser = sessionCookieAfterLogin(false);

        Matcher maxAge = Pattern.compile("Max-Age=(\\d+)").matcher(lasting);
        assertThat(maxAge.find()).as(lasting).isTrue();
        assertThat(Long.parseLong(maxAge.group(1))).isBetween(29L * 86400, 30L * 86400);
        assertThat(browser).doesNotContain("Max-Age").doesNotContain("Expires");
    }

    private static String get(HttpClient http) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.base() + PAGE)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static HttpResponse<String> post(HttpClient http, String form) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.base() + PAGE))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return r;
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
