package dev.gatehouse.web.admin.outposts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The outposts page over HTTP: the embedded outpost's status is red with the fix while its authentik_host is
 * unset, and green ("Logging in via …") once it is set; its providers and their applications are listed.
 */
class OutpostsPageTest {
    @Test
    void embeddedOutpostStatusIsRedWithTheFixUntilAuthentikHostIsSetThenGreen() {
        try (TestServer server = TestServer.start(); FlowClient browser = new FlowClient(server.base())) {
            browser.run("default-authentication-flow", null, "akadmin", TestServer.ADMIN_PASSWORD);
            String outposts = server.get("/api/v3/outposts/instances/", TestServer.ADMIN_TOKEN).body();
            Matcher pk = Pattern.compile("\"pk\":\"([^\"]+)\",\"name\":\"authentik Embedded Outpost\"").matcher(outposts);
            assertThat(pk.find()).as(outposts).isTrue();

            HttpResponse<String> red = browser.getDirect("/if/admin/outposts/");
            assertThat(red.statusCode()).as(red.body()).isEqualTo(200);
            assertThat(red.body()).contains("authentik Embedded Outpost").contains("status-bad")
                    .contains("Set authentik_host in the outpost's configuration to the URL browsers use to reach Gatehouse")
                    .contains("href=\"/if/admin/outposts/" + pk.group(1) + "/edit/\"")
                    .doesNotContain("Logging in via");

            String flow = server.get("/api/v3/flows/instances/?slug=default-provider-authorization-implicit-consent",
                    TestServer.ADMIN_TOKEN).body().replaceAll("(?s).*?\"pk\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> provider = server.send("POST", "/api/v3/providers/proxy/", TestServer.ADMIN_TOKEN,
                    "{\"name\": \"Whoami <b>\", \"mode\": \"forward_single\", \"external_host\": \"https://who.example.com\", "
                            + "\"authorization_flow\": \"" + flow + "\"}");
            assertThat(provider.statusCode()).as(provider.body()).isEqualTo(201);
            String providerPk = provider.body().replaceAll("(?s)^\\{\"pk\":(\\d+),.*", "$1");
            assertThat(server.send("POST", "/api/v3/core/applications/", TestServer.ADMIN_TOKEN,
                    "{\"name\": \"Whoami app\", \"slug\": \"whoami\", \"provider\": " + providerPk + "}").statusCode())
                    .isEqualTo(201);
            HttpResponse<String> patched = server.send("PATCH", "/api/v3/outposts/instances/" + pk.group(1) + "/",
                    TestServer.ADMIN_TOKEN, "{\"config\": {\"authentik_host\": \"https://auth.example.com/\"}}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

            HttpResponse<String> green = browser.getDirect("/if/admin/outposts/");
            assertThat(green.body()).contains("status-good").contains("Logging in via https://auth.example.com/")
                    .doesNotContain("Set authentik_host")
                    .contains("Whoami &lt;b&gt;").contains("href=\"/if/admin/providers/" + providerPk + "/\"")
                    .contains("href=\"/if/admin/applications/whoami/\"");
        }
    }
}
