package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.JSON;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.policy.PolicyType;
import dev.gatehouse.policy.PolicyTypes;
import dev.gatehouse.flow.engine.StageType;
import dev.gatehouse.flow.engine.StageTypes;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The object definitions on the real API: every declared object type has its request and response schemas in
 * {@code /api/v3/schema/}, and requests are read and checked from the declarations (required fields, kinds,
 * constraints, references, choices that list what is allowed).
 */
class DefinitionsApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every {@code static final Definition} in the main classes, plus each stage and policy type's config. */
    static List<Definition<?>> declared() throws IOException, ReflectiveOperationException {
        Path root = Path.of(Definition.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<Definition<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, DefinitionsApiTest.class.getClassLoader());
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) && Definition.class.isAssignableFrom(f.getType())) {
                        f.setAccessible(true);
                        out.add((Definition<?>) f.get(null));
                    }
                }
            }
        }
        StageTypes.all().stream().map(StageType::config).forEach(out::add);
        PolicyTypes.all().stream().map(PolicyType::config).forEach(out::add);
        return out;
    }

    @Test
    void everyDeclaredObjectTypeHasRequestAndResponseSchemas() throws Exception {
        JsonNode doc = JSON.readTree(server.get("/api/v3/schema/?format=json", null).body());
        JsonNode schemas = doc.get("components").get("schemas");
        List<Definition<?>> declared = declared();
        assertThat(declared).extracting(Definition::type).contains("user", "group", "application", "token", "flow",
                "flow_binding", "policy_binding", "outpost", "certificate_key_pair", "scope_mapping",
                "oauth2_provider", "proxy_provider", "ldap_provider", "identification_stage", "password_policy");
        for (Definition<?> d : declared) {
            String request = d.schemaName() + "Request";
            assertThat(schemas.has(request)).as(request).isTrue();
            for (dev.gatehouse.definition.Field<?> f : d.writable()) {
                assertThat(schemas.get(request).get("properties").has(f.name())).as(request + "." + f.name()).isTrue();
            }
            List<String> responses = new ArrayList<>();
            for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
                for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                    JsonNode body = op.getValue().path("requestBody").path("content").path("application/json")
                            .path("schema").path("$ref");
                    if (body.isString() && body.asString().endsWith("/" + request)) {
                        for (Map.Entry<String, JsonNode> r : op.getValue().get("responses").properties()) {
                            JsonNode ref = r.getValue().path("content").path("application/json").path("schema")
                                    .path("$ref");
                            if (r.getKey().startsWith("2") && ref.isString()) {
                                responses.add(ref.asString().substring(ref.asString().lastIndexOf('/') + 1));
                            }
                        }
                    }
                }
            }
            assertThat(responses).as("response schemas of operations taking " + request).isNotEmpty()
                    .allSatisfy(name -> assertThat(schemas.has(name)).as(name).isTrue());
        }
    }

    @Test
    void schemaThenRequestFieldsCarryConstraintsChoicesAndReferences() {
        JsonNode schemas = JSON.readTree(server.get("/api/v3/schema/?format=json", null).body())
                .get("components").get("schemas");
        JsonNode flow = schemas.get("FlowRequest");
        assertThat(JSON.convertValue(flow.get("required"), List.class)).contains("name", "slug", "title", "designation");
        assertThat(flow.get("properties").get("slug").get("maxLength").asInt()).isEqualTo(50);
        assertThat(JSON.convertValue(flow.get("properties").get("designation").get("enum"), List.class))
                .containsExactly("authentication", "authorization", "invalidation", "enrollment", "unenrollment",
                        "recovery", "stage_configuration");
        assertThat(flow.get("properties").get("layout").get("default").asString()).isEqualTo("stacked");
        JsonNode identification = schemas.get("IdentificationStageRequest").get("properties");
        assertThat(identification.get("password_stage").get("x-gatehouse-reference").asString())
                .isEqualTo("stage:password");
        assertThat(JSON.convertValue(identification.get("user_fields").get("default"), List.class))
                .containsExactly("username", "email");
        assertThat(JSON.convertValue(schemas.get("FlowView").get("properties").get("layout").get("enum"), List.class))
                .contains("stacked", "sidebar_right");
    }

    @Test
    void unknownEnumValueThen400ListingTheAllowedValues() {
        JsonNode flow = expect(server.send("POST", "/api/v3/flows/instances/", ADMIN, obj("slug", "enum-flow",
                "name", "n", "title", "t", "designation", "login", "layout", "wide")), 400);
        assertThat(flow.get("designation").get(0).asString()).isEqualTo("\"login\" is not a valid choice. Allowed: "
                + "authentication, authorization, invalidation, enrollment, unenrollment, recovery, stage_configuration.");
        assertThat(flow.get("layout").get(0).asString()).isEqualTo("\"wide\" is not a valid choice. Allowed: "
                + "stacked, content_left, content_right, sidebar_left, sidebar_right.");
        JsonNode app = expect(server.send("POST", "/api/v3/core/applications/", ADMIN,
                obj("slug", "enum-app", "name", "n", "policy_engine_mode", "most")), 400);
        assertThat(app.get("policy_engine_mode").get(0).asString())
                .isEqualTo("\"most\" is not a valid choice. Allowed: any, all.");
        JsonNode user = expect(server.send("POST", "/api/v3/core/users/", ADMIN,
                obj("username", "enum-user", "name", "n", "type", "robot")), 400);
        assertThat(user.get("type").get(0).asString()).isEqualTo(
                "\"robot\" is not a valid choice. Allowed: internal, external, service_account, internal_service_account.");
        String flowPk = expect(server.send("POST", "/api/v3/flows/instances/", ADMIN, obj("slug", "enum-flow-2",
                "name", "n2", "title", "t", "designation", "authorization")), 201).get("pk").asString();
        JsonNode proxy = expect(server.send("POST", "/api/v3/providers/proxy/", ADMIN, obj("name", "enum-proxy",
                "authorization_flow", flowPk, "external_host", "https://enum.example.org", "mode", "forward")), 400);
        assertThat(proxy.get("mode").get(0).asString())
                .isEqualTo("\"forward\" is not a valid choice. Allowed: proxy, forward_single, forward_domain.");
        JsonNode ldap = expect(server.send("POST", "/api/v3/providers/ldap/", ADMIN, obj("name", "enum-ldap",
                "authorization_flow", flowPk, "search_mode", "lazy")), 400);
        assertThat(ldap.get("search_mode").get(0).asString())
                .isEqualTo("\"lazy\" is not a valid choice. Allowed: direct, cached.");
        JsonNode oauth = expect(server.send("POST", "/api/v3/providers/oauth2/", ADMIN, obj("name", "enum-oauth",
                "authorization_flow", flowPk, "client_type", "secret", "sub_mode", "x", "issuer_mode", "y")), 400);
        assertThat(oauth.get("client_type").get(0).asString())
                .isEqualTo("\"secret\" is not a valid choice. Allowed: confidential, public.");
        assertThat(oauth.get("issuer_mode").get(0).asString())
                .isEqualTo("\"y\" is not a valid choice. Allowed: per_provider, global.");
        String stage = expect(server.send("POST", "/api/v3/stages/deny/", ADMIN, obj("name", "enum-deny")), 201)
                .get("pk").asString();
        JsonNode binding = expect(server.send("POST", "/api/v3/flows/bindings/", ADMIN, obj("target", flowPk,
                "stage", stage, "order", 1, "invalid_response_action", "again")), 400);
        assertThat(binding.get("invalid_response_action").get(0).asString())
                .isEqualTo("\"again\" is not a valid choice. Allowed: retry, restart, restart_with_context.");
    }

    @Test
    void requestsAreReadFromTheDeclaration() {
        JsonNode missing = expect(server.send("POST", "/api/v3/flows/instances/", ADMIN, "{}"), 400);
        assertThat(missing.propertyNames()).containsExactlyInAnyOrder("name", "slug", "title", "designation");
        assertThat(missing.get("designation").get(0).asString()).isEqualTo("This field is required.");
        expect(server.send("PATCH", "/api/v3/flows/instances/nope/", ADMIN, "{}"), 404);

        JsonNode kinds = expect(server.send("POST", "/api/v3/core/groups/", ADMIN,
                obj("name", 7, "is_superuser", "yes", "parents", List.of(5), "users", List.of("a"))), 400);
        assertThat(kinds.get("name").get(0).asString()).isEqualTo("Not a valid string.");
        assertThat(kinds.get("is_superuser").get(0).asString()).isEqualTo("Must be a valid boolean.");
        assertThat(kinds.get("parents").get(0).asString()).isEqualTo("Must be a valid UUID.");
        assertThat(kinds.get("users").get(0).asString()).isEqualTo("Incorrect type. Expected pk value, received string.");

        JsonNode limits = expect(server.send("POST", "/api/v3/flows/instances/", ADMIN, obj("slug", "x".repeat(51),
                "name", " ", "title", "t", "designation", "authentication")), 400);
        assertThat(limits.get("slug").get(0).asString()).isEqualTo("Ensure this field has no more than 50 characters.");
        assertThat(limits.get("name").get(0).asString()).isEqualTo("This field may not be blank.");

        String flowPk = expect(server.send("POST", "/api/v3/flows/instances/", ADMIN, obj("slug", "declared-flow",
                "name", "declared", "title", "t", "designation", "authentication")), 201).get("pk").asString();
        String deny = expect(server.send("POST", "/api/v3/stages/deny/", ADMIN, obj("name", "declared-deny")), 201)
                .get("pk").asString();
        JsonNode range = expect(server.send("POST", "/api/v3/flows/bindings/", ADMIN,
                obj("target", flowPk, "stage", deny, "order", -1)), 400);
        assertThat(range.get("order").get(0).asString()).isEqualTo("Ensure this value is greater than or equal to 0.");

        JsonNode stageRef = expect(server.send("POST", "/api/v3/stages/identification/", ADMIN,
                obj("name", "declared-id", "password_stage", deny, "user_fields", List.of("phone"))), 400);
        assertThat(stageRef.get("password_stage").get(0).asString())
                .isEqualTo("Invalid pk \"" + deny + "\" - object does not exist.");
        assertThat(stageRef.get("user_fields").get(0).asString())
                .isEqualTo("\"phone\" is not a valid choice. Allowed: username, email.");
        JsonNode created = expect(server.send("POST", "/api/v3/stages/identification/", ADMIN,
                obj("name", "declared-id")), 201);
        assertThat(JSON.convertValue(created.get("user_fields"), List.class)).containsExactly("username", "email");
        assertThat(created.get("pretend_user_exists").asBoolean()).isTrue();
    }
}
