package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.JSON;
import static dev.gatehouse.api.ApiTestSupport.createUser;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.UserStore;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.policy.PolicyBindingStore;
import dev.gatehouse.policy.PolicyStore;
import dev.gatehouse.testing.TestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** {@code /api/v3/schema/}: a public OpenAPI 3 document listing exactly the routes the server answers. */
class SchemaApiTest {
    /** The stage and policy resources, one per registered type. */
    private static final List<String> TYPED = List.of("/stages/identification/", "/stages/password/",
            "/stages/user_login/", "/stages/user_logout/", "/stages/deny/", "/stages/consent/",
            "/stages/prompt/stages/", "/stages/user_write/", "/stages/initial_setup/", "/stages/authenticator/totp/",
            "/stages/authenticator/static/", "/stages/authenticator/validate/",
            "/stages/authenticator/webauthn/", "/stages/dummy/", "/stages/invitation/stages/", "/stages/email/", "/stages/account_lockdown/",
            "/policies/dummy/", "/policies/expression/",
            "/policies/password/", "/policies/event_matcher/", "/policies/reputation/", "/policies/geoip/",
            "/policies/password_expiry/");
    /**
     * Every route the resource classes declare (Users, Groups, Applications, Tokens, Providers, Flows, Flow
     * bindings, Stages, Policies, Policy bindings, Events, Authenticated sessions, Certificate-key pairs, Schema).
     */
    static final List<String> ROUTES = java.util.stream.Stream.of(List.of(
            "GET /core/users/", "POST /core/users/", "GET /core/users/me/",
            "GET /core/users/{pk}/", "PUT /core/users/{pk}/", "PATCH /core/users/{pk}/", "DELETE /core/users/{pk}/",
            "POST /core/users/{pk}/set_password/", "POST /core/users/{pk}/recovery/", "POST /core/users/{pk}/lockdown/",
            "POST /core/users/account_lockdown/", "POST /core/users/account_lockdown_bulk/",
            "GET /core/groups/", "POST /core/groups/",
            "GET /core/groups/{pk}/", "PUT /core/groups/{pk}/", "PATCH /core/groups/{pk}/", "DELETE /core/groups/{pk}/",
            "POST /core/groups/{pk}/add_user/", "POST /core/groups/{pk}/remove_user/",
            "GET /core/applications/", "POST /core/applications/",
            "GET /core/applications/{slug}/", "PUT /core/applications/{slug}/", "PATCH /core/applications/{slug}/",
            "DELETE /core/applications/{slug}/", "GET /core/applications/{slug}/check_access/",
            "GET /core/tokens/", "POST /core/tokens/",
            "GET /core/tokens/{identifier}/", "PUT /core/tokens/{identifier}/", "PATCH /core/tokens/{identifier}/",
            "DELETE /core/tokens/{identifier}/", "GET /core/tokens/{identifier}/view_key/",
            "GET /providers/all/", "GET /providers/all/{pk}/", "DELETE /providers/all/{pk}/",
            "GET /events/events/", "GET /events/events/{pk}/",
            "GET /core/authenticated_sessions/", "GET /core/authenticated_sessions/{uuid}/",
            "DELETE /core/authenticated_sessions/{uuid}/",
            "GET /schema/",
            "GET /stages/all/", "GET /stages/all/{pk}/", "DELETE /stages/all/{pk}/",
            "GET /policies/all/", "GET /policies/all/{pk}/", "DELETE /policies/all/{pk}/",
            "GET /flows/executor/{slug}/", "POST /flows/executor/{slug}/",
            "POST /crypto/certificatekeypairs/generate/",
            "GET /crypto/certificatekeypairs/{pk}/view_certificate/",
            "GET /crypto/certificatekeypairs/{pk}/view_private_key/"),
            crud("/crypto/certificatekeypairs/", "{pk}"),
            List.of("GET /authenticators/all/"), devices("/authenticators/totp/"), devices("/authenticators/static/"),
            devices("/authenticators/admin/totp/"), devices("/authenticators/admin/static/"),
            devices("/authenticators/webauthn/"), devices("/authenticators/admin/webauthn/"),
            crud("/flows/instances/", "{slug}"), crud("/flows/bindings/", "{pk}"), crud("/providers/oauth2/", "{pk}"), crud("/providers/proxy/", "{pk}"),
            crud("/providers/ldap/", "{pk}"),
            crud("/outposts/instances/", "{pk}"), crud("/propertymappings/provider/scope/", "{pk}"),
            crud("/stages/prompt/prompts/", "{pk}"),
            crud("/core/brands/", "{brand_uuid}"), crud("/policies/bindings/", "{pk}"),
            crud("/stages/invitation/invitations/", "{invite_uuid}"),
            crud("/events/transports/", "{uuid}"), List.of("POST /events/transports/{uuid}/test/"),
            crud("/events/rules/", "{pbm_uuid}"),
            List.of("GET /events/notifications/", "GET /events/notifications/{uuid}/",
                    "PUT /events/notifications/{uuid}/", "PATCH /events/notifications/{uuid}/",
                    "DELETE /events/notifications/{uuid}/", "POST /events/notifications/mark_all_seen/"),
            List.of("GET /policies/reputation/scores/", "GET /policies/reputation/scores/{reputation_uuid}/",
                    "DELETE /policies/reputation/scores/{reputation_uuid}/"),
            List.of("GET /admin/settings/", "PUT /admin/settings/", "PATCH /admin/settings/"),
            TYPED.stream().flatMap(p -> crud(p, "{pk}").stream()).toList())
            .flatMap(List::stream).toList();
    /** A device route: list, get, rename, delete (devices are created by their setup stages, not the API). */
    private static List<String> devices(String path) {
        String item = path + "{id}/";
        return List.of("GET " + path, "GET " + item, "PUT " + item, "PATCH " + item, "DELETE " + item);
    }

    private static List<String> crud(String path, String key) {
        String item = path + key + "/";
        return List.of("GET " + path, "POST " + path, "GET " + item, "PUT " + item, "PATCH " + item, "DELETE " + item);
    }

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "options", "head", "trace");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode jsonSchema() {
        HttpResponse<String> r = server.get("/api/v3/schema/?format=json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private static Set<String> operations(JsonNode doc) {
        Set<String> out = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (String method : path.getValue().propertyNames()) {
                if (METHODS.contains(method)) {
                    out.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return out;
    }

    @Test
    void schemaWithoutTokenThenOpenApi3Json() {
        JsonNode doc = jsonSchema();

        assertThat(doc.get("openapi").asString()).startsWith("3.");
        assertThat(doc.get("info").get("title").asString()).isNotBlank();
        assertThat(doc.get("info").get("version").asString()).isNotBlank();
        assertThat(doc.get("servers").get(0).get("url").asString()).isEqualTo("/api/v3");
        assertThat(doc.get("components").get("securitySchemes").get("authentik").get("scheme").asString())
                .isEqualTo("bearer");
        Set<String> operationIds = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            assertThat(path.getKey()).startsWith("/").endsWith("/");
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                assertThat(op.getValue().get("responses").propertyNames()).as(op.getKey() + " " + path.getKey())
                        .isNotEmpty();
                assertThat(operationIds.add(op.getValue().get("operationId").asString())).as("unique operationId").isTrue();
            }
        }
    }

    @Test
    void schemaThenEveryRefResolves() {
        JsonNode doc = jsonSchema();
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        JsonNode schemas = doc.get("components").get("schemas");
        for (String ref : refs) {
            assertThat(ref).startsWith("#/components/schemas/");
            assertThat(schemas.has(ref.substring("#/components/schemas/".length()))).as(ref).isTrue();
        }
        assertThat(schemas.get("UserView").get("properties").has("is_superuser")).isTrue();
        assertThat(schemas.get("Pagination").get("properties").propertyNames())
                .contains("next", "previous", "count", "current", "total_pages", "start_index", "end_index");
    }

    private static void collectRefs(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals("$ref")) {
                    out.add(e.getValue().asString());
                } else {
                    collectRefs(e.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                collectRefs(n, out);
            }
        }
    }

    @Test
    void schemaThenListsExactlyTheDeclaredRoutes() {
        assertThat(operations(jsonSchema())).containsExactlyInAnyOrderElementsOf(ROUTES);
    }

    @Test
    void schemaThenSecuredOperationsNeedBearerAndSchemaIsPublic() {
        JsonNode paths = jsonSchema().get("paths");
        assertThat(paths.get("/schema/").get("get").has("security")).isFalse();
        assertThat(paths.get("/core/users/").get("get").get("security").get(0).has("authentik")).isTrue();
        assertThat(paths.get("/core/users/").get("post").get("responses").has("201")).isTrue();
        assertThat(paths.get("/core/users/{pk}/").get("delete").get("responses").has("204")).isTrue();
    }

    @Test
    void schemaDefaultThenYamlWithSameContent() {
        HttpResponse<String> r = server.get("/api/v3/schema/", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct ->
                assertThat(ct).startsWith("application/vnd.oai.openapi"));
        assertThat(r.body()).doesNotStartWith("{");
        JsonNode yaml = YAMLMapper.builder().build().readTree(r.body());
        assertThat(yaml.get("openapi").asString()).startsWith("3.");
        assertThat(operations(yaml)).isEqualTo(operations(jsonSchema()));
    }

    @Test
    void schemaWhenAcceptJsonThenJson() {
        HttpResponse<String> r = ApiTestSupport.send(java.net.http.HttpClient.newHttpClient(),
                server.base() + "/api/v3/schema/", "GET", null, null, "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("openapi").asString()).startsWith("3.");
    }

    /** Every declared route, called by the admin with real objects in its path, is answered by a handler. */
    @Test
    void everyListedRouteAnswersForAdmin() {
        long user = createUser(server, "schema-user");
        String group = expect(server.send("POST", "/api/v3/core/groups/", ADMIN, obj("name", "schema-group")), 201)
                .get("pk").asString();
        expect(server.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", "Schema", "slug", "schema-app")), 201);
        expect(server.send("POST", "/api/v3/core/tokens/", ADMIN, obj("identifier", "schema-token")), 201);
        String authorization = expect(server.get("/api/v3/flows/instances/"
                + dev.gatehouse.bootstrap.DefaultFlows.IMPLICIT_CONSENT + "/", ADMIN), 200).get("pk").asString();
        long provider = expect(server.send("POST", "/api/v3/providers/oauth2/", ADMIN, obj("name", "schema-provider",
                "authorization_flow", authorization)), 201).get("pk").asLong();
        String event = expect(server.get("/api/v3/events/events/?page_size=1", ADMIN), 200)
                .get("results").get(0).get("pk").asString();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("/core/users/{pk}/", "/core/users/" + user + "/");
        params.put("/core/groups/{pk}/", "/core/groups/" + group + "/");
        params.put("/core/applications/{slug}/", "/core/applications/schema-app/");
        params.put("/core/tokens/{identifier}/", "/core/tokens/schema-token/");
        params.put("/providers/all/{pk}/", "/providers/all/" + provider + "/");
        long oauth2 = expect(server.send("POST", "/api/v3/providers/oauth2/", ADMIN, obj("name", "schema-oauth2",
                "authorization_flow", authorization)), 201).get("pk").asLong();
        params.put("/providers/oauth2/{pk}/", "/providers/oauth2/" + oauth2 + "/");
        long proxy = expect(server.send("POST", "/api/v3/providers/proxy/", ADMIN, obj("name", "schema-proxy",
                "authorization_flow", authorization, "mode", "forward_single", "external_host",
                "https://schema.example.org")), 201).get("pk").asLong();
        params.put("/providers/proxy/{pk}/", "/providers/proxy/" + proxy + "/");
        long ldap = expect(server.send("POST", "/api/v3/providers/ldap/", ADMIN, obj("name", "schema-ldap",
                "authorization_flow", authorization)), 201).get("pk").asLong();
        params.put("/providers/ldap/{pk}/", "/providers/ldap/" + ldap + "/");
        String outpost = expect(server.send("POST", "/api/v3/outposts/instances/", ADMIN, obj("name", "schema-outpost",
                "type", "ldap", "providers", List.of())), 201).get("pk").asString();
        params.put("/outposts/instances/{pk}/", "/outposts/instances/" + outpost + "/");
        String scope = expect(server.send("POST", "/api/v3/propertymappings/provider/scope/", ADMIN, obj("name",
                "schema-scope", "scope_name", "schema", "expression", "{}")), 201).get("pk").asString();
        params.put("/propertymappings/provider/scope/{pk}/", "/propertymappings/provider/scope/" + scope + "/");
        String prompt = expect(server.send("POST", "/api/v3/stages/prompt/prompts/", ADMIN, obj("name", "schema-prompt",
                "field_key", "schema", "label", "Schema", "type", "text")), 201).get("pk").asString();
        params.put("/stages/prompt/prompts/{pk}/", "/stages/prompt/prompts/" + prompt + "/");
        params.put("/events/events/{pk}/", "/events/events/" + event + "/");
        String transport = expect(server.send("POST", "/api/v3/events/transports/", ADMIN, obj("name",
                "schema-transport", "mode", "local")), 201).get("pk").asString();
        params.put("/events/transports/{uuid}/", "/events/transports/" + transport + "/");
        String rule = expect(server.send("POST", "/api/v3/events/rules/", ADMIN, obj("name", "schema-rule",
                "transports", List.of(transport))), 201).get("pk").asString();
        params.put("/events/rules/{pbm_uuid}/", "/events/rules/" + rule + "/");
        expect(server.send("POST", "/api/v3/events/transports/" + transport + "/test/", ADMIN, null), 200);
        String notification = expect(server.get("/api/v3/events/notifications/", ADMIN), 200).get("results").get(0)
                .get("pk").asString();
        params.put("/events/notifications/{uuid}/", "/events/notifications/" + notification + "/");
        String brand = expect(server.send("POST", "/api/v3/core/brands/", ADMIN, obj("domain", "schema.example.org")),
                201).get("brand_uuid").asString();
        params.put("/core/brands/{brand_uuid}/", "/core/brands/" + brand + "/");
        String keyPair = expect(server.send("POST", "/api/v3/crypto/certificatekeypairs/generate/", ADMIN,
                obj("common_name", "schema-keypair", "validity_days", 1)), 200).get("pk").asString();
        params.put("/crypto/certificatekeypairs/{pk}/", "/crypto/certificatekeypairs/" + keyPair + "/");
        dev.gatehouse.core.User admin = new UserStore(server.gatehouse().database().dsl()).byUsername("akadmin")
                .orElseThrow();
        java.util.UUID session = server.gatehouse().sessions().login(admin, "127.0.0.1", "schema", java.time.Duration.ofHours(1))
                .session().uuid();
        params.put("/core/authenticated_sessions/{uuid}/", "/core/authenticated_sessions/" + session + "/");
        var webauthn = new dev.gatehouse.webauthn.WebAuthnDeviceStore(server.gatehouse().database().dsl());
        for (String path : List.of("/authenticators/webauthn/", "/authenticators/admin/webauthn/")) {
            long device = webauthn.insert(dev.gatehouse.webauthn.WebAuthnDevice.unsaved(admin.pk(), "schema", path, "AA", 0,
                    "00000000-0000-0000-0000-000000000000", "localhost", Set.of(), false, false, false,
                    java.time.Instant.now())).orElseThrow().pk();
            params.put(path + "{id}/", path + device + "/");
        }
        flowObjects(params);
        for (String path : List.of("/authenticators/totp/", "/authenticators/admin/totp/")) {
            long device = new dev.gatehouse.authenticator.TotpDeviceStore(server.gatehouse().database().dsl())
                    .insert(admin.pk(), "schema-totp", "v1:unused", 6, 30, java.time.Instant.now());
            params.put(path + "{id}/", path + device + "/");
        }
        for (String path : List.of("/authenticators/static/", "/authenticators/admin/static/")) {
            long device = new dev.gatehouse.authenticator.StaticDeviceStore(server.gatehouse().database().dsl())
                    .insert(admin.pk(), "schema-static", List.of(), java.time.Instant.now());
            params.put(path + "{id}/", path + device + "/");
        }

        Set<String> declared = operations(jsonSchema());
        List<String> ordered = new ArrayList<>(declared.stream().filter(o -> !o.startsWith("DELETE")).toList());
        ordered.addAll(declared.stream().filter(o -> o.startsWith("DELETE")).toList());
        for (String op : ordered) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1);
            for (Map.Entry<String, String> p : params.entrySet()) {
                path = path.replace(p.getKey(), p.getValue());
            }
            String body = method.equals("GET") || method.equals("DELETE") ? null : "{}";
            HttpResponse<String> r = server.send(method, "/api/v3" + path, ADMIN, body);
            assertThat(r.statusCode()).as(op + " -> " + path + ": " + r.body()).isNotIn(404, 405, 500);
        }
    }

    /** One object behind each flow, stage and policy route, so that no DELETE removes another route's object. */
    private static void flowObjects(Map<String, String> params) {
        DSLContext dsl = server.gatehouse().database().dsl();
        java.util.UUID flow = java.util.UUID.randomUUID();
        java.util.UUID target = java.util.UUID.randomUUID();
        for (java.util.UUID pk : List.of(flow, target)) {
            new FlowStore(dsl).insert(new dev.gatehouse.flow.Flow(pk, "schema-" + pk, "Schema", "Schema", "authentication",
                    "none", "message_continue", "stacked", "any", false, "", java.time.Instant.now()));
        }
        params.put("/flows/instances/{slug}/", "/flows/instances/schema-" + flow + "/");
        params.put("/flows/executor/{slug}/", "/flows/executor/" + dev.gatehouse.bootstrap.DefaultFlows.AUTHENTICATION + "/");
        for (dev.gatehouse.flow.engine.StageType t : dev.gatehouse.flow.engine.StageTypes.all()) {
            java.util.UUID pk = new StageStore(dsl).insert("schema-" + t.name(), t.name(), t.defaults()).pk();
            params.put("/stages/" + t.apiPath() + "/{pk}/", "/stages/" + t.apiPath() + "/" + pk + "/");
        }
        java.util.UUID stage = new StageStore(dsl).insert("schema-any-stage", "deny", Map.of("deny_message", "")).pk();
        params.put("/stages/all/{pk}/", "/stages/all/" + stage + "/");
        long admin = new dev.gatehouse.core.UserStore(dsl).byUsername("akadmin").orElseThrow().pk();
        java.util.UUID invitation = new dev.gatehouse.stage.invitation.InvitationStore(dsl)
                .insert("schema", null, false, Map.of(), null, admin).pk();
        params.put("/stages/invitation/invitations/{invite_uuid}/", "/stages/invitation/invitations/" + invitation + "/");
        java.util.UUID binding = java.util.UUID.randomUUID();
        new FlowBindingStore(dsl).insert(new dev.gatehouse.flow.FlowStageBinding(binding, flow, stage, 10, false, true,
                "retry", "any"));
        params.put("/flows/bindings/{pk}/", "/flows/bindings/" + binding + "/");
        java.util.UUID dummy = null;
        for (dev.gatehouse.policy.PolicyType t : dev.gatehouse.policy.PolicyTypes.all()) {
            java.util.UUID pk = new PolicyStore(dsl).insert("schema-" + t.name(), t.name(), t.defaults(), false).pk();
            params.put("/policies/" + t.name() + "/{pk}/", "/policies/" + t.name() + "/" + pk + "/");
            dummy = t.name().equals("dummy") ? pk : dummy;
        }
        java.util.UUID policy = new PolicyStore(dsl).insert("schema-any-policy", "dummy", Map.of(), false).pk();
        params.put("/policies/all/{pk}/", "/policies/all/" + policy + "/");
        java.util.UUID pb = java.util.UUID.randomUUID();
        new PolicyBindingStore(dsl).insert(new dev.gatehouse.policy.PolicyBinding(pb, target,
                dev.gatehouse.policy.PolicyBinding.TargetKind.FLOW, dummy, null, null, false, true, 0, 30, false));
        params.put("/policies/bindings/{pk}/", "/policies/bindings/" + pb + "/");
        dev.gatehouse.policy.reputation.ReputationStore scores = new dev.gatehouse.policy.reputation.ReputationStore(dsl);
        scores.change("schema", "192.0.2.1", -1, java.time.Instant.now());
        params.put("/policies/reputation/scores/{reputation_uuid}/",
                "/policies/reputation/scores/" + scores.of("schema", "192.0.2.1").orElseThrow().uuid() + "/");
    }
}
