package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static dev.gatehouse.api.ApiTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code providers/proxy/} and {@code outposts/instances/}: CRUD, the OAuth2 client behind a proxy provider,
 * the embedded outpost (new providers join it unless told otherwise), and 400s that name the field and change
 * nothing; on H2 and PostgreSQL.
 */
class ProxyProvidersApiTest {
    private static final String PROXY = "/api/v3/providers/proxy/";
    private static final String OUTPOSTS = "/api/v3/outposts/instances/";
    private static final String CALLBACK = "/outpost.goauthentik.io/callback?X-authentik-auth-callback=true";
    private static TestServer h2;
    private static TestServer postgres;

    @BeforeAll
    static void start() {
        h2 = TestServer.start();
        postgres = TestServer.startOnPostgres();
    }

    @AfterAll
    static void stop() {
        h2.close();
        postgres.close();
    }

    private static TestServer server(String kind) {
        return kind.equals("h2") ? h2 : postgres;
    }

    private static String flowPk(TestServer server) {
        return expect(server.get("/api/v3/flows/instances/default-provider-authorization-implicit-consent/", ADMIN), 200)
                .get("pk").asString();
    }

    static JsonNode embedded(TestServer server) {
        JsonNode list = expect(server.get(OUTPOSTS + "?managed=goauthentik.io/outposts/embedded", ADMIN), 200);
        assertThat(list.get("results")).hasSize(1);
        return list.get("results").get(0);
    }

    private static List<Long> providers(JsonNode outpost) {
        List<Long> out = new ArrayList<>();
        outpost.get("providers").forEach(n -> out.add(n.asLong()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void createMakesAnOAuth2ClientOfThisServerAndJoinsTheEmbeddedOutpost(String kind) {
        TestServer server = server(kind);
        JsonNode outpost = embedded(server);
        assertThat(outpost.get("name").asString()).isEqualTo("authentik Embedded Outpost");
        assertThat(outpost.get("type").asString()).isEqualTo("proxy");
        assertThat(outpost.get("config").has("authentik_host")).isTrue();
        assertThat(outpost.get("managed").asString()).isEqualTo("goauthentik.io/outposts/embedded");

        JsonNode p = expect(server.send("POST", PROXY, ADMIN, obj("name", "Sonarr " + kind, "authorization_flow",
                flowPk(server), "mode", "forward_single", "external_host", "https://sonarr.example.org/")), 201);
        long pk = p.get("pk").asLong();
        assertThat(p.get("client_id").asString()).hasSize(40);
        assertThat(p.has("client_secret")).as("the secret never leaves the server").isFalse();
        assertThat(p.get("external_host").asString()).isEqualTo("https://sonarr.example.org");
        assertThat(p.get("redirect_uris")).hasSize(1);
        assertThat(p.get("redirect_uris").get(0).get("matching_mode").asString()).isEqualTo("strict");
        assertThat(p.get("redirect_uris").get(0).get("url").asString()).isEqualTo("https://sonarr.example.org" + CALLBACK);
        assertThat(p.get("intercept_header_auth").booleanValue()).isTrue();
        assertThat(p.get("basic_auth_enabled").booleanValue()).isFalse();
        assertThat(p.get("internal_host_ssl_validation").booleanValue()).isTrue();
        assertThat(p.get("access_token_validity").asString()).isEqualTo("hours=24");
        assertThat(p.get("component").asString()).isEqualTo("ak-provider-proxy-form");
        assertThat(p.get("meta_model_name").asString()).isEqualTo("authentik_providers_proxy.proxyprovider");
        assertThat(p.get("property_mappings")).hasSize(3);
        assertThat(p.get("outpost_set").get(0).asString()).isEqualTo(outpost.get("pk").asString());
        assertThat(providers(embedded(server))).contains(pk);
        assertThat(texts(expect(server.get("/api/v3/providers/all/?kind=proxy", ADMIN), 200).get("results"), "name"))
                .contains("Sonarr " + kind);
        expect(server.get("/api/v3/providers/oauth2/" + pk + "/", ADMIN), 404);
        assertThat(texts(expect(server.get(PROXY + "?external_host=" + ApiTestSupport.q("https://sonarr.example.org"),
                ADMIN), 200).get("results"), "name")).containsExactly("Sonarr " + kind);

        JsonNode patched = expect(server.send("PATCH", PROXY + pk + "/", ADMIN, obj("external_host",
                "http://sonarr.internal.example.org:8989", "skip_path_regex", "^/api/.*\n^/feed/.*",
                "basic_auth_enabled", true, "basic_auth_user_attribute", "sonarr_user",
                "basic_auth_password_attribute", "sonarr_password")), 200);
        assertThat(patched.get("client_id").asString()).isEqualTo(p.get("client_id").asString());
        assertThat(patched.get("redirect_uris").get(0).get("url").asString())
                .isEqualTo("http://sonarr.internal.example.org:8989" + CALLBACK);
        assertThat(patched.get("skip_path_regex").asString()).isEqualTo("^/api/.*\n^/feed/.*");
        assertThat(patched.get("mode").asString()).isEqualTo("forward_single");

        expect(server.send("DELETE", PROXY + pk + "/", ADMIN, null), 204);
        expect(server.get(PROXY + pk + "/", ADMIN), 404);
        assertThat(providers(embedded(server))).doesNotContain(pk);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void outpostSetChoosesTheOutpostsAndPatchOfTheOutpostChangesItsProviders(String kind) {
        TestServer server = server(kind);
        JsonNode p = expect(server.send("POST", PROXY, ADMIN, obj("name", "Outside " + kind, "authorization_flow",
                flowPk(server), "mode", "forward_domain", "external_host", "https://auth.example.net",
                "cookie_domain", ".Example.NET", "outpost_set", List.of())), 201);
        long pk = p.get("pk").asLong();
        assertThat(p.get("cookie_domain").asString()).isEqualTo("example.net");
        assertThat(p.get("outpost_set")).isEmpty();
        JsonNode outpost = embedded(server);
        assertThat(providers(outpost)).doesNotContain(pk);

        List<Long> with = new ArrayList<>(providers(outpost));
        with.add(pk);
        JsonNode patched = expect(server.send("PATCH", OUTPOSTS + outpost.get("pk").asString() + "/", ADMIN,
                obj("providers", with, "config", Map.of("authentik_host", "https://auth.example.net/"))), 200);
        assertThat(providers(patched)).contains(pk);
        assertThat(patched.get("config").get("authentik_host").asString()).isEqualTo("https://auth.example.net/");
        assertThat(patched.get("config").get("log_level").asString()).as("other keys kept").isEqualTo("info");
        assertThat(texts(patched.get("providers_obj"), "name")).contains("Outside " + kind);
        assertThat(expect(server.get(PROXY + pk + "/", ADMIN), 200).get("outpost_set").get(0).asString())
                .isEqualTo(outpost.get("pk").asString());

        JsonNode oauth2 = expect(server.send("POST", "/api/v3/providers/oauth2/", ADMIN, obj("name", "Plain oauth " + kind,
                "authorization_flow", flowPk(server))), 201);
        String outpostUrl = OUTPOSTS + outpost.get("pk").asString() + "/";
        assertThat(expect(server.send("PATCH", outpostUrl, ADMIN, obj("providers", List.of(oauth2.get("pk").asLong()))),
                400).propertyNames()).containsExactly("providers");
        assertThat(expect(server.send("PATCH", outpostUrl, ADMIN, obj("providers", List.of(999_999))), 400)
                .propertyNames()).containsExactly("providers");
        assertThat(expect(server.send("PATCH", outpostUrl, ADMIN, obj("config", Map.of("authentik_host",
                "auth.example.net"))), 400).propertyNames()).containsExactly("config");
        assertThat(expect(server.send("PATCH", outpostUrl, ADMIN, obj("type", "ldap")), 400).propertyNames())
                .containsExactly("type");
        assertThat(providers(embedded(server))).contains(pk);
        assertThat(expect(server.send("DELETE", outpostUrl, ADMIN, null), 400).toString()).contains("embedded");

        JsonNode ldap = expect(server.send("POST", OUTPOSTS, ADMIN, obj("name", "ldap " + kind, "type", "ldap",
                "providers", List.of())), 201);
        assertThat(ldap.get("managed").isNull()).isTrue();
        expect(server.send("DELETE", OUTPOSTS + ldap.get("pk").asString() + "/", ADMIN, null), 204);
        expect(server.get(OUTPOSTS + ldap.get("pk").asString() + "/", ADMIN), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void badConfigurationIs400NamingTheFieldAndChangesNothing(String kind) {
        TestServer server = server(kind);
        String flow = flowPk(server);
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("mode", Map.of("mode", "reverse", "external_host", "https://a.example.org"));
        cases.put("external_host", Map.of("mode", "forward_single", "external_host", "ftp://a.example.org"));
        cases.put("external_host ", Map.of("mode", "forward_single", "external_host", "https://a.example.org/?x=1"));
        cases.put("internal_host", Map.of("external_host", "https://a.example.org"));
        cases.put("internal_host ", Map.of("external_host", "https://a.example.org", "internal_host", "a.internal"));
        cases.put("cookie_domain", Map.of("mode", "forward_domain", "external_host", "https://auth.example.org"));
        cases.put("cookie_domain ", Map.of("mode", "forward_domain", "external_host", "https://auth.example.org",
                "cookie_domain", "other.org"));
        cases.put("cookie_domain  ", Map.of("mode", "forward_domain", "external_host", "https://auth.example.org",
                "cookie_domain", "exa mple.org"));
        cases.put("skip_path_regex", Map.of("mode", "forward_single", "external_host", "https://a.example.org",
                "skip_path_regex", "^/ok/\n^/broken/(["));
        cases.put("basic_auth_enabled", Map.of("mode", "forward_single", "external_host", "https://a.example.org",
                "basic_auth_enabled", true, "basic_auth_user_attribute", "user"));
        cases.put("access_token_validity", Map.of("mode", "forward_single", "external_host", "https://a.example.org",
                "access_token_validity", "a while"));
        cases.put("outpost_set", Map.of("mode", "forward_single", "external_host", "https://a.example.org",
                "outpost_set", List.of("00000000-0000-0000-0000-000000000000")));
        cases.put("authorization_flow", Map.of("mode", "forward_single", "external_host", "https://a.example.org",
                "authorization_flow", "00000000-0000-0000-0000-000000000000"));
        int before = expect(server.get(PROXY, ADMIN), 200).get("pagination").get("count").asInt();
        int providersBefore = expect(server.get("/api/v3/providers/all/", ADMIN), 200).get("pagination").get("count").asInt();
        cases.forEach((field, body) -> {
            Map<String, Object> b = new LinkedHashMap<>(Map.of("name", "bad " + field.strip() + field.length(),
                    "authorization_flow", flow));
            b.putAll(body);
            JsonNode error = expect(server.send("POST", PROXY, ADMIN, ApiTestSupport.JSON.writeValueAsString(b)), 400);
            assertThat(error.propertyNames()).as(field).containsExactly(field.strip());
        });
        assertThat(expect(server.send("POST", PROXY, ADMIN, obj("name", "no host", "authorization_flow", flow)), 400)
                .propertyNames()).containsExactly("external_host");
        assertThat(expect(server.get(PROXY, ADMIN), 200).get("pagination").get("count").asInt()).isEqualTo(before);
        assertThat(expect(server.get("/api/v3/providers/all/", ADMIN), 200).get("pagination").get("count").asInt())
                .isEqualTo(providersBefore);

        JsonNode ok = expect(server.send("POST", PROXY, ADMIN, obj("name", "ok " + kind, "authorization_flow", flow,
                "mode", "forward_single", "external_host", "https://ok.example.org")), 201);
        String url = PROXY + ok.get("pk").asLong() + "/";
        assertThat(expect(server.send("PATCH", url, ADMIN, obj("mode", "forward_domain")), 400).propertyNames())
                .containsExactly("cookie_domain");
        assertThat(expect(server.send("PATCH", url, ADMIN, obj("mode", "proxy")), 400).propertyNames())
                .containsExactly("internal_host");
        assertThat(expect(server.send("PUT", url, ADMIN, obj("name", "ok " + kind)), 400).propertyNames())
                .containsExactlyInAnyOrder("authorization_flow", "external_host");
        assertThat(expect(server.get(url, ADMIN), 200).get("mode").asString()).isEqualTo("forward_single");
    }
}
