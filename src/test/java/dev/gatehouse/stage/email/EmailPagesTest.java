package dev.gatehouse.stage.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.Gatehouse;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.web.CurrentUser;
import dev.gatehouse.web.FlowPages;
import dev.gatehouse.web.SessionCookies;
import io.helidon.webserver.WebServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The email stage's page as a plain form (no JavaScript) at {@code /if/flow/<slug>/}, served by the flow pages over
 * real HTTP: "check your email" with a "send again" button, the link opened in another browser going on without the
 * token in the address, and a used link refused with a 410 page that says so.
 */
class EmailPagesTest {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as(html).isTrue();
        return m.group(1);
    }

    @Test
    void checkYourEmailPageSendsAgainAndTheLinkContinuesInAnotherBrowser() {
        try (Database db = TestDatabases.open("h2")) {
            EmailFlows fx = new EmailFlows(db, null);
            fx.user("alice", "alice@example.org", true);
            Flow flow = fx.recovery(Map.of());
            FlowPages pages = new FlowPages(db, fx.runner, fx.origins, new SessionCookies(Optional.empty(), fx.origins),
                    new CurrentUser(fx.sessions), Gatehouse.stagePages());
            WebServer server = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                    .routing(pages::register).build().start();
            String base = "http://127.0.0.1:" + server.port();
            String path = "/if/flow/" + flow.slug() + "/";
            try (FlowClient browser = new FlowClient(base); FlowClient phone = new FlowClient(base)) {
                String page = browser.getDirect(path).body();
                assertThat(browser.postFormDirect(path, Map.of("csrf", csrf(page), "component",
                        "ak-stage-identification", "uid_field", "alice")).statusCode()).isEqualTo(303);
                page = browser.getDirect(path).body();
                assertThat(page).contains("Check your email").contains("value=\"ak-stage-email\"")
                        .contains(">Send again</button>").doesNotContain("<script");
                String first = EmailFlows.link(fx.mailer.sent().getFirst());
                assertThat(first).startsWith(base + path + "?flow_token=");

                assertThat(browser.postFormDirect(path, Map.of("csrf", csrf(page), "component", "ak-stage-email"))
                        .statusCode()).isEqualTo(303);
                assertThat(fx.mailer.sent()).hasSize(2);
                String second = EmailFlows.link(fx.mailer.sent().get(1));

                HttpResponse<String> stale = phone.getDirect(first);
                assertThat(stale.statusCode()).isEqualTo(410);
                assertThat(stale.body()).contains("This link is invalid, expired or was already used.")
                        .doesNotContain("Exception");

                HttpResponse<String> opened = phone.getDirect(second);
                assertThat(opened.statusCode()).isEqualTo(303);
                assertThat(opened.headers().firstValue("Location")).contains(path);
                assertThat(phone.getDirect(path).body()).contains("value=\"ak-stage-dummy\"");
                assertThat(phone.getDirect(second).statusCode()).as("used").isEqualTo(410);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void deliveryFailureShowsThePreviousPageWithTheMessageAndNothingMoved() {
        try (Database db = TestDatabases.open("h2")) {
            EmailFlows fx = new EmailFlows(db, null);
            fx.user("bob", "bob@example.org", true);
            Flow flow = fx.flow("verify-email", "authentication", java.util.List.of(
                    Map.entry("identification", Map.of("user_fields", java.util.List.of("username"))),
                    Map.entry("email", Map.of("template", "email/account_confirmation.html")),
                    Map.entry("dummy", Map.of())));
            FlowPages pages = new FlowPages(db, fx.runner, fx.origins, new SessionCookies(Optional.empty(), fx.origins),
                    new CurrentUser(fx.sessions), Gatehouse.stagePages());
            WebServer server = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                    .routing(pages::register).build().start();
            String base = "http://127.0.0.1:" + server.port();
            String path = "/if/flow/" + flow.slug() + "/";
            try (FlowClient browser = new FlowClient(base)) {
                fx.mailer.failWith("connection refused");
                String page = browser.getDirect(path).body();
                HttpResponse<String> failed = browser.postFormDirect(path, Map.of("csrf", csrf(page),
                        "component", "ak-stage-identification", "uid_field", "bob"));
                assertThat(failed.statusCode()).isEqualTo(200);
                assertThat(failed.body()).contains("Could not send the email, try again later.")
                        .contains("value=\"ak-stage-identification\"");
                assertThat(browser.getDirect(path).body()).contains("value=\"ak-stage-identification\"")
                        .doesNotContain("Could not send");

                fx.mailer.failWith(null);
                page = browser.getDirect(path).body();
                assertThat(browser.postFormDirect(path, Map.of("csrf", csrf(page), "component",
                        "ak-stage-identification", "uid_field", "bob")).statusCode()).isEqualTo(303);
                assertThat(browser.getDirect(path).body()).contains("Check your email");
                assertThat(fx.mailer.sent()).hasSize(1);
            } finally {
                server.stop();
            }
        }
    }
}
