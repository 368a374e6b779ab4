package dev.gatehouse.provider.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import dev.gatehouse.web.SessionCookies;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RP-initiated logout: only registered logout URIs are followed, only this provider's id_token_hint is taken. */
class EndSessionEndpointTest {
    private static final String LOGGED_OUT = "https://rp.example.org/logged-out";
    private static TestServer server;
    private static OAuth2Fixture app;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        app = OAuth2Fixture.create(server, "notes", Map.of("redirect_uris", List.of(
                Map.of("matching_mode", "strict", "url", OAuth2Fixture.REDIRECT),
                Map.of("matching_mode", "strict", "url", LOGGED_OUT, "redirect_uri_type", "logout"))));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HttpResponse<String> endSession(String session, String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.base() + "/application/o/notes/end-session/?" + query))
                .header("Cookie", SessionCookies.SESSION + "=" + session).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private int me(String session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v3/core/users/me/"))
                .header("Cookie", SessionCookies.SESSION + "=" + session).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void foreignRedirectOrHintIsAnErrorPageAndARegisteredOneEndsTheSession() throws Exception {
        String session;
        try (FlowClient browser = new FlowClient(server.base())) {
            browser.run("default-authentication-flow", null, "akadmin", TestServer.ADMIN_PASSWORD);
            session = browser.cookie(SessionCookies.SESSION).orElseThrow();
        }
        assertThat(me(session)).isEqualTo(200);
        OIDCTokenResponse tokens = (OIDCTokenResponse) OIDCTokenResponseParser.parse(new TokenRequest(
                app.tokenEndpoint(), app.basic(), new ClientCredentialsGrant(), new Scope("openid")).toHTTPRequest().send())
                .toSuccessResponse();
        String idToken = tokens.getOIDCTokens().getIDTokenString();

        for (String query : List.of("post_logout_redirect_uri=" + enc("https://evil.example.net/"),
                "post_logout_redirect_uri=" + enc(OAuth2Fixture.REDIRECT),
                "id_token_hint=" + enc(idToken.substring(0, idToken.length() - 4) + "AAAA"))) {
            HttpResponse<String> refused = endSession(session, query);
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertThat(refused.headers().firstValue("Location")).as(query).isEmpty();
        }
        assertThat(me(session)).as("nothing was signed out").isEqualTo(200);

        HttpResponse<String> out = endSession(session, "id_token_hint=" + enc(idToken) + "&post_logout_redirect_uri="
                + enc(LOGGED_OUT) + "&state=s-123");
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).contains(LOGGED_OUT + "?state=s-123");
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith(SessionCookies.SESSION + "=;"));
        assertThat(me(session)).isNotEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.base() + "/application/o/nope/end-session/"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }
}
