package dev.gatehouse.provider.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): only registered logout URIs are followed, and only for a
 * request that proves its client; only an id_token of this provider for this client counts as a hint, and only a hint
 * of the browser's own session signs it out without asking.
 */
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

    private HttpResponse<String> post(String session, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + "/application/o/notes/end-session/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (session != null) {
            b.header("Cookie", SessionCookies.SESSION + "=" + session);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    /** The confirmation page's form fields, as the browser would post them. */
    private static Map<String, String> confirmation(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(page.headers().allValues("Set-Cookie")).as("nothing cleared before the user agrees").isEmpty();
        assertThat(page.body()).contains("<form method=\"post\" action=\"/application/o/notes/end-session/\">");
        Map<String, String> form = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(page.body());
        while (m.find()) {
            form.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">"));
        }
        assertThat(form).containsKeys("csrf", "confirm_logout");
        return form;
    }

    /** A fresh browser session of akadmin and an id_token the implicit flow issued for it (so its sid is this session's). */
    private static String[] sessionWithIdToken() throws Exception {
        try (FlowClient browser = OAuth2Fixture.signedIn(server)) {
            Nonce nonce = new Nonce();
            AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.IDTOKEN,
                    new com.nimbusds.oauth2.sdk.Scope("openid"), new ClientID(app.clientId()), URI.create(OAuth2Fixture.REDIRECT))
                    .endpointURI(URI.create(OAuth2Fixture.AUTHORIZE)).state(new State()).nonce(nonce).build();
            OAuth2Fixture.Answer answer = app.authorize(browser, request);
            assertThat(answer.response().indicatesSuccess()).as("%s", answer.parameters()).isTrue();
            return new String[] {browser.cookie(SessionCookies.SESSION).orElseThrow(),
                    answer.response().toSuccessResponse().getIDToken().serialize()};
        }
    }

    private static String signedIn() throws Exception {
        try (FlowClient browser = OAuth2Fixture.signedIn(server)) {
            return browser.cookie(SessionCookies.SESSION).orElseThrow();
        }
    }

    private static OIDCTokenResponse clientCredentials() throws Exception {
        return (OIDCTokenResponse) OIDCTokenResponseParser.parse(new TokenRequest(app.tokenEndpoint(), app.basic(),
                new ClientCredentialsGrant(), new com.nimbusds.oauth2.sdk.Scope("openid")).toHTTPRequest().send())
                .toSuccessResponse();
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
        // The hint that signs out without asking is an id_token of this very session (RP-Initiated Logout §2), so it
        // comes from the session's own authorization now, no longer from a client_credentials grant.
        String[] sessionAndToken = sessionWithIdToken();
        String session = sessionAndToken[0];
        String idToken = sessionAndToken[1];
        assertThat(me(session)).isEqualTo(200);

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

    @Test
    void anAccessTokenIsNoIdTokenHint() throws Exception {
        String session = signedIn();
        String accessToken = clientCredentials().getOIDCTokens().getAccessToken().getValue();

        HttpResponse<String> refused = endSession(session, "id_token_hint=" + enc(accessToken)
                + "&post_logout_redirect_uri=" + enc(LOGGED_OUT));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(me(session)).as("still signed in").isEqualTo(200);
    }

    @Test
    void withoutAHintALinkOnlyAsksAndTheConfirmationSignsOutWithoutRedirecting() throws Exception {
        String session = signedIn();
        HttpResponse<String> asked = endSession(session, "post_logout_redirect_uri=" + enc(LOGGED_OUT) + "&state=s-1");
        Map<String, String> form = confirmation(asked);
        assertThat(asked.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(me(session)).as("a cross-site link signs nobody out").isEqualTo(200);

        Map<String, String> forged = new LinkedHashMap<>(form);
        forged.put("csrf", "forged");
        assertThat(post(session, forged).statusCode()).isEqualTo(403);
        assertThat(endSession(session, "confirm_logout=yes&csrf=" + enc(form.get("csrf"))).statusCode())
                .as("the confirmation is a POST").isEqualTo(403);
        assertThat(me(session)).isEqualTo(200);
        HttpResponse<String> crossSite = post(null, form);
        assertThat(crossSite.headers().allValues("Set-Cookie")).as("a POST without the cookie clears nothing").isEmpty();

        HttpResponse<String> out = post(session, form);
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("Location")).as("RP-Initiated Logout §3: no proof of the client, no redirect")
                .isEmpty();
        assertThat(out.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith(SessionCookies.SESSION + "=;"));
        assertThat(me(session)).isNotEqualTo(200);
    }

    @Test
    void aClientIdAllowsTheRegisteredRedirectAfterTheUserAgrees() throws Exception {
        String session = signedIn();
        assertThat(endSession(session, "client_id=someone-else&post_logout_redirect_uri=" + enc(LOGGED_OUT)).statusCode())
                .isEqualTo(400);
        Map<String, String> form = confirmation(endSession(session, "client_id=" + enc(app.clientId())
                + "&post_logout_redirect_uri=" + enc(LOGGED_OUT) + "&state=s-2"));
        assertThat(me(session)).isEqualTo(200);

        HttpResponse<String> out = post(session, form);
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).contains(LOGGED_OUT + "?state=s-2");
        assertThat(me(session)).isNotEqualTo(200);
    }

    @Test
    void aHintOfAnotherSessionProvesTheClientButTheUserIsAsked() throws Exception {
        String session = signedIn();
        String otherHint = sessionWithIdToken()[1];
        String serviceHint = clientCredentials().getOIDCTokens().getIDTokenString();
        for (String hint : List.of(otherHint, serviceHint)) {
            confirmation(endSession(session, "id_token_hint=" + enc(hint) + "&post_logout_redirect_uri=" + enc(LOGGED_OUT)));
            assertThat(me(session)).isEqualTo(200);
        }
        HttpResponse<String> out = post(session, confirmation(endSession(session, "id_token_hint=" + enc(otherHint)
                + "&post_logout_redirect_uri=" + enc(LOGGED_OUT))));
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).contains(LOGGED_OUT);
        assertThat(me(session)).isNotEqualTo(200);
    }

    /** §2: the RP may POST; a cross-site POST has no SameSite=Lax cookie, so it goes on as a top-level GET. */
    @Test
    void anRpsCrossSitePostIsAnsweredAsTheSameGetWhichCarriesTheSession() throws Exception {
        String[] sessionAndToken = sessionWithIdToken();
        Map<String, String> form = new LinkedHashMap<>(Map.of("id_token_hint", sessionAndToken[1],
                "post_logout_redirect_uri", LOGGED_OUT, "state", "s 3"));
        HttpResponse<String> bounced = post(null, form);
        assertThat(bounced.statusCode()).isEqualTo(303);
        assertThat(bounced.headers().allValues("Set-Cookie")).isEmpty();
        String location = bounced.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/application/o/notes/end-session/?");
        assertThat(me(sessionAndToken[0])).isEqualTo(200);

        HttpResponse<String> out = endSession(sessionAndToken[0], URI.create(location).getRawQuery());
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).contains(LOGGED_OUT + "?state=s+3");
        assertThat(me(sessionAndToken[0])).isNotEqualTo(200);
    }
}
