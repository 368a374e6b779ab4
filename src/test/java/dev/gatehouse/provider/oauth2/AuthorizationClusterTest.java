package dev.gatehouse.provider.oauth2;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An authorization's in-memory fulfillment stage in a cluster: started on server A (which issues the code into
 * its form_post page), the flow page reloaded on server B shows the same code: the stage, the request it
 * finishes and what it issued are stored with the plan and rebuilt by B.
 */
class AuthorizationClusterTest {
    private static final String CB = "https://app.example/cb";
    private static final String IMPLICIT = "default-provider-authorization-implicit-consent";
    private static TestServer serverA;
    private static TestServer serverB;

    @BeforeAll
    static void cluster() {
        String database = TestDatabases.newPostgresDatabase();
        serverA = TestServer.startOnPostgres(database);
        serverB = TestServer.startOnPostgres(database);
    }

    @AfterAll
    static void stop() {
        serverA.close();
        serverB.close();
    }

    private static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("hidden %s in %s", name, html).isTrue();
        return m.group(1);
    }

    @Test
    void formPostStartedOnAWhenReloadedOnBThenShowsTheSameCode() {
        String flow = expect(serverA.get("/api/v3/flows/instances/" + IMPLICIT + "/", ADMIN), 200).get("pk").asString();
        JsonNode provider = expect(serverA.send("POST", "/api/v3/providers/oauth2/", ADMIN, obj("name", "Clustered",
                "authorization_flow", flow, "client_type", "confidential", "redirect_uris",
                List.of(Map.of("matching_mode", "strict", "url", CB)))), 201);
        expect(serverA.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", "Clustered", "slug", "clustered",
                "provider", provider.get("pk").asLong())), 201);
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"),
                new ClientID(provider.get("client_id").asString()), URI.create(CB))
                .endpointURI(URI.create("/application/o/authorize/")).state(new State()).nonce(new Nonce())
                .responseMode(ResponseMode.FORM_POST).build();

        try (FlowClient onA = OAuth2Fixture.signedIn(serverA); FlowClient onB = new FlowClient(serverB.base())) {
            HttpResponse<String> started = onA.getDirect(request.toURI().toString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
            String flowPage = started.headers().firstValue("Location").orElseThrow();
            String code = hidden(onA.getDirect(flowPage).body(), "code");

            for (String name : List.of("gatehouse_session", "gatehouse_flow")) {
                onB.setCookie(name, onA.cookie(name).orElseThrow());
            }
            HttpResponse<String> reloaded = onB.getDirect(flowPage);
            assertThat(reloaded.statusCode()).isEqualTo(200);
            assertThat(hidden(reloaded.body(), "code")).as("B shows the code A issued").isEqualTo(code);
            assertThat(hidden(reloaded.body(), "state")).isEqualTo(request.getState().getValue());
        }
    }
}
