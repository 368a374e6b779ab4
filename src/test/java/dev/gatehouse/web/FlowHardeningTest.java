package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Defences of the flow executor: no login CSRF, no planted flow key following a plan, no account disclosure. */
class FlowHardeningTest {
    private static final String EXECUTOR = "/api/v3/flows/executor/default-authentication-flow/";
    private static TestServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(String method, String cookie, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + EXECUTOR));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> flowCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gatehouse_flow="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst();
    }

    @Test
    void answerWhenNotJsonThen415AndPlanUntouched() throws Exception {
        String cookie = flowCookie(send("GET", null, null, null)).orElseThrow();

        HttpResponse<String> r = send("POST", cookie, "text/plain",
                "{\"component\":\"ak-stage-identification\",\"uid_field\":\"akadmin\"}");

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(send("GET", cookie, null, null).body()).contains("ak-stage-identification");
    }

    @Test
    void acceptedAnswerMovesThePlanToANewFlowKey() throws Exception {
        String planted = flowCookie(send("GET", null, null, null)).orElseThrow();

        HttpResponse<String> accepted = send("POST", planted, "application/json",
                "{\"component\":\"ak-stage-identification\",\"uid_field\":\"akadmin\"}");

        assertThat(accepted.statusCode()).isEqualTo(302);
        String rotated = flowCookie(accepted).orElseThrow();
        assertThat(rotated).isNotEqualTo(planted);
        assertThat(send("GET", rotated, null, null).body()).contains("ak-stage-password");
        assertThat(send("GET", planted, null, null).body()).contains("ak-stage-identification")
                .doesNotContain("ak-stage-password");
    }

    @Test
    void passwordPageShowsWhatWasTypedNotTheMatchedAccount() throws Exception {
        String cookie = flowCookie(send("GET", null, null, null)).orElseThrow();
        HttpResponse<String> accepted = send("POST", cookie, "application/json",
                "{\"component\":\"ak-stage-identification\",\"uid_field\":\"admin@example.org\"}");
        String rotated = flowCookie(accepted).orElseThrow();

        String challenge = send("GET", rotated, null, null).body();

        assertThat(challenge).contains("\"pending_user\":\"admin@example.org\"").doesNotContain("akadmin");
    }
}
