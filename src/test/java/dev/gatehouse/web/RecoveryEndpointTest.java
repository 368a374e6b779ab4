package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.RecoveryKeys;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecoveryEndpointTest {
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

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void useTokenWhenValidThenSignsInOnceThenRefuses() throws Exception {
        String key = new RecoveryKeys(server.gatehouse().database()).create("akadmin", Duration.ofMinutes(5))
                .orElseThrow();

        HttpResponse<String> first = get("/recovery/use-token/" + key + "/", null);

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("Location")).contains("/if/user/");
        List<String> cookies = first.headers().allValues("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith("gatehouse_session=")).findFirst().orElseThrow();
        assertThat(session).contains("HttpOnly").contains("SameSite=Lax");
        String cookie = session.substring(0, session.indexOf(';'));
        HttpResponse<String> me = get("/api/v3/core/users/me/", cookie);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"username\":\"akadmin\"");

        HttpResponse<String> again = get("/recovery/use-token/" + key + "/", null);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void useTokenWhenUnknownThen404WithoutSession() throws Exception {
        HttpResponse<String> r = get("/recovery/use-token/" + "A".repeat(64) + "/", null);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
    }
}
