package dev.gatehouse.provider.oauth2;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.bootstrap.DefaultFlows;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Seed 004's Nextcloud recipe as written: the "Nextcloud Profile" scope mapping pasted in Python as printed (line
 * breaks restored), the provider with the three default mappings and it, subject by username, claims in the
 * id_token; Nimbus signs in as Nextcloud would and reads the id_token and userinfo. On H2 and PostgreSQL.
 */
class NextcloudSeedMappingTest {
    private static final String SCOPES = "/api/v3/propertymappings/provider/scope/";

    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of("h2", (Supplier<TestServer>) TestServer::start),
                Arguments.of("postgresql", (Supplier<TestServer>) TestServer::startOnPostgres));
    }

    private static String seedMapping() {
        try (InputStream in = NextcloudSeedMappingTest.class.getResourceAsStream("/seeds/nextcloud_profile_mapping.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String defaultMapping(TestServer server, String scope) {
        JsonNode list = expect(server.get(SCOPES + "?page_size=100", ADMIN), 200).get("results");
        for (JsonNode m : list) {
            if (m.get("name").asString().equals("authentik default OAuth Mapping: OpenID '" + scope + "'")) {
                return m.get("pk").asString();
            }
        }
        throw new AssertionError("no default mapping for " + scope);
    }

    private static long user(TestServer server, String username, String name, Map<String, Object> attributes) {
        long pk = expect(server.send("POST", "/api/v3/core/users/", ADMIN, obj("username", username, "name", name,
                "email", username + "@example.org", "attributes", attributes)), 201).get("pk").asLong();
        expect(server.send("POST", "/api/v3/core/users/" + pk + "/set_password/", ADMIN,
                obj("password", username + "-password-1")), 204);
        return pk;
    }

    private static FlowClient signedIn(TestServer server, String username) {
        FlowClient browser = new FlowClient(server.base());
        JsonNode last = browser.run(DefaultFlows.AUTHENTICATION, null, username, username + "-password-1");
        assertThat(last.path("component").asString()).isEqualTo(FlowClient.REDIRECT);
        return browser;
    }

    private record Claims(IDTokenClaimsSet idToken, Map<String, Object> userInfo) {
    }

    private static Claims signInAsNextcloud(OAuth2Fixture nextcloud, TestServer server, String username)
            throws Exception {
        try (FlowClient browser = signedIn(server, username)) {
            Nonce nonce = new Nonce();
            OIDCTokens tokens = nextcloud.codeFlow(browser, new Scope("openid", "email", "profile"), nonce);
            IDTokenClaimsSet id = nextcloud.validIdToken(tokens.getIDToken(), nonce);
            UserInfoResponse info = UserInfoResponse.parse(new UserInfoRequest(
                    nextcloud.metadata().getUserInfoEndpointURI(), tokens.getBearerAccessToken()).toHTTPRequest().send());
            assertThat(info.indicatesSuccess()).as("userinfo").isTrue();
            return new Claims(id, info.toSuccessResponse().getUserInfo().toJSONObject());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theSeedsMappingGivesNextcloudItsNameGroupsQuotaAndUserId(String kind, Supplier<TestServer> start)
            throws Exception {
        try (TestServer server = start.get()) {
            long alice = user(server, "alice", "Alice Liddell", Map.of("nextcloud_user_id", "alice.nc"));
            long bob = user(server, "bob", "Bob Builder", Map.of());
            expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "nextcloud Admins",
                    "users", List.of(alice), "attributes", Map.of("nextcloud_quota", "10 GB"))), 201);
            expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "nextcloud Users",
                    "users", List.of(alice, bob), "attributes", Map.of())), 201);

            String expression = seedMapping();
            JsonNode mapping = expect(server.send("POST", SCOPES, ADMIN, obj("name", "Nextcloud Profile",
                    "scope_name", "profile", "expression", expression)), 201);
            assertThat(mapping.get("expression").asString()).isEqualTo(expression);

            List<String> seedMappings = new ArrayList<>(List.of(defaultMapping(server, "email"),
                    defaultMapping(server, "openid"), defaultMapping(server, "profile"), mapping.get("pk").asString()));
            OAuth2Fixture nextcloud = OAuth2Fixture.create(server, "nextcloud", Map.of("client_type", "confidential",
                    "property_mappings", seedMappings, "sub_mode", "user_username",
                    "include_claims_in_id_token", true));
            OAuth2Fixture onlyTheMapping = OAuth2Fixture.create(server, "nextcloud-alone", Map.of(
                    "property_mappings", List.of(defaultMapping(server, "openid"), mapping.get("pk").asString()),
                    "sub_mode", "user_username", "include_claims_in_id_token", true));

            Claims a = signInAsNextcloud(nextcloud, server, "alice");
            assertThat(a.idToken().getSubject().getValue()).isEqualTo("alice");
            for (Map<String, Object> claims : List.of(a.idToken().toJSONObject(), a.userInfo())) {
                assertThat(claims).containsEntry("name", "Alice Liddell").containsEntry("quota", "10 GB")
                        .containsEntry("user_id", "alice.nc").containsEntry("email", "alice@example.org");
                assertThat(ApiTestSupport.JSON.valueToTree(claims.get("groups")).toString())
                        .as("the seed's mapping adds Nextcloud's admin group to the default profile's groups")
                        .contains("\"admin\"");
            }
            Claims b = signInAsNextcloud(nextcloud, server, "bob");
            for (Map<String, Object> claims : List.of(b.idToken().toJSONObject(), b.userInfo())) {
                assertThat(claims).containsEntry("name", "Bob Builder").containsEntry("user_id", "bob");
                assertThat(claims.get("quota")).isNull();
                assertThat(ApiTestSupport.JSON.valueToTree(claims.get("groups")).toString()).doesNotContain("\"admin\"");
            }

            Claims alone = signInAsNextcloud(onlyTheMapping, server, "alice");
            assertThat(alone.userInfo().get("groups")).as("the mapping's own groups claim").isEqualTo(List.of("admin"));
            Claims bobAlone = signInAsNextcloud(onlyTheMapping, server, "bob");
            assertThat(bobAlone.userInfo().get("groups")).isEqualTo(List.of());
            assertThat(bobAlone.idToken().toJSONObject()).containsEntry("user_id", "bob");
        }
    }
}
