package dev.gatehouse.web;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.modelEvents;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The event's client_ip: X-Forwarded-For counts only from a trusted proxy, and then the right-most
 * untrusted hop is the client (a forged left-most entry is ignored).
 */
class ClientIpForwardingTest {
    private static TestServer defaults;
    private static TestServer untrustedLoopback;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        defaults = TestServer.start();
        untrustedLoopback = TestServer.start(Map.of("listen.trusted_proxy_cidrs", "10.0.0.0/8"));
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        untrustedLoopback.close();
        defaults.close();
    }

    /** Creates a group with the given X-Forwarded-For and returns its model_created event's client_ip. */
    private static String clientIpOfWrite(TestServer server, String name, String... forwardedFor) {
        String[] headers = new String[forwardedFor.length * 2];
        for (int i = 0; i < forwardedFor.length; i++) {
            headers[2 * i] = "X-Forwarded-For";
            headers[2 * i + 1] = forwardedFor[i];
        }
        expect(ApiTestSupport.send(client, server.base() + "/api/v3/core/groups/", "POST", ADMIN,
                HttpRequest.BodyPublishers.ofString(obj("name", name)), headers), 201);
        List<JsonNode> events = modelEvents(server, "model_created", name);
        assertThat(events).hasSize(1);
        return events.getFirst().get("client_ip").asString();
    }

    @Test
    void forwardedForWhenPeerNotTrustedThenPeerAddress() {
        assertThat(clientIpOfWrite(untrustedLoopback, "untrusted-xff", "1.2.3.4")).isEqualTo("127.0.0.1");
    }

    @Test
    void forwardedForWhenPeerTrustedThenForwardedAddress() {
        assertThat(clientIpOfWrite(defaults, "trusted-xff", "1.2.3.4")).isEqualTo("1.2.3.4");
    }

    @Test
    void forwardedForWhenForgedLeftmostEntryThenRightmostUntrustedHop() {
        assertThat(clientIpOfWrite(defaults, "forged-xff", "6.6.6.6, 1.2.3.4")).isEqualTo("1.2.3.4");
    }

    @Test
    void forwardedForWhenChainOfTrustedProxiesThenFirstUntrustedFromTheRight() {
        assertThat(clientIpOfWrite(defaults, "chain-xff", "6.6.6.6, 1.2.3.4, 10.1.2.3")).isEqualTo("1.2.3.4");
    }

    @Test
    void forwardedForWhenSeveralHeaderLinesThenTreatedAsOneList() {
        assertThat(clientIpOfWrite(defaults, "multi-xff", "6.6.6.6", "1.2.3.4")).isEqualTo("1.2.3.4");
    }

    @Test
    void forwardedForWhenNotAnAddressThenPeerAddress() {
        assertThat(clientIpOfWrite(defaults, "garbage-xff", "evil.example.org")).isEqualTo("127.0.0.1");
    }

    @Test
    void noForwardedForThenPeerAddress() {
        assertThat(clientIpOfWrite(defaults, "plain")).isEqualTo("127.0.0.1");
        assertThat(clientIpOfWrite(untrustedLoopback, "plain-untrusted")).isEqualTo("127.0.0.1");
    }
}
