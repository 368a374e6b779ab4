package dev.gatehouse.api;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.JSON;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.brand.BrandService;
import dev.gatehouse.core.ApplicationChanges;
import dev.gatehouse.core.GroupChanges;
import dev.gatehouse.core.TokenChanges;
import dev.gatehouse.core.UserChanges;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.flow.FlowChanges;
import dev.gatehouse.outpost.OutpostChanges;
import dev.gatehouse.provider.ldap.LdapProviderChanges;
import dev.gatehouse.provider.oauth2.OAuth2ProviderChanges;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingService;
import dev.gatehouse.provider.proxy.ProxyProviderChanges;
import dev.gatehouse.testing.TestServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every field constraint a declaration makes (max length, lower bound) is enforced when an object is created
 * through the API: a value just past the limit is refused on that field with the declared message, so a service
 * that stops checking its declaration fails here.
 */
class DeclaredConstraintsApiTest {
    private static final AtomicInteger N = new AtomicInteger();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** An endpoint, the declaration of what it accepts, and a valid body (fresh unique values each call). */
    private record Endpoint(String url, Definition<?> definition, Supplier<Map<String, Object>> body) {
    }

    private static List<Endpoint> endpoints() {
        String flow = expect(server.get("/api/v3/flows/instances/default-provider-authorization-implicit-consent/",
                ADMIN), 200).get("pk").asString();
        return List.of(
                new Endpoint("/api/v3/core/users/", UserChanges.DEFINITION,
                        () -> Map.of("username", "limits-" + N.incrementAndGet(), "name", "Limits")),
                new Endpoint("/api/v3/core/groups/", GroupChanges.DEFINITION,
                        () -> Map.of("name", "limits-" + N.incrementAndGet())),
                new Endpoint("/api/v3/core/applications/", ApplicationChanges.DEFINITION,
                        () -> Map.of("name", "Limits", "slug", "limits-" + N.incrementAndGet())),
                new Endpoint("/api/v3/core/tokens/", TokenChanges.DEFINITION,
                        () -> Map.of("identifier", "limits-" + N.incrementAndGet(), "intent", "api")),
                new Endpoint("/api/v3/core/brands/", BrandService.Changes.DEFINITION,
                        () -> Map.of("domain", "limits-" + N.incrementAndGet() + ".example.org")),
                new Endpoint("/api/v3/flows/instances/", FlowChanges.DEFINITION,
                        () -> Map.of("slug", "limits-" + N.incrementAndGet(), "name", "Limits", "title", "Limits",
                                "designation", "authentication")),
                new Endpoint("/api/v3/propertymappings/provider/scope/", ScopeMappingService.Changes.DEFINITION,
                        () -> Map.of("name", "limits-" + N.incrementAndGet(), "scope_name", "limits",
                                "expression", "{'a': 'b'}")),
                new Endpoint("/api/v3/outposts/instances/", OutpostChanges.DEFINITION,
                        () -> Map.of("name", "limits-" + N.incrementAndGet(), "type", "proxy", "providers", List.of())),
                new Endpoint("/api/v3/providers/oauth2/", OAuth2ProviderChanges.DEFINITION,
                        () -> Map.of("name", "limits-" + N.incrementAndGet(), "authorization_flow", flow,
                                "redirect_uris", List.of())),
                new Endpoint("/api/v3/providers/proxy/", ProxyProviderChanges.DEFINITION,
                        () -> Map.of("name", "limits-" + N.incrementAndGet(), "authorization_flow", flow,
                                "mode", "forward_single", "external_host", "https://limits.example.org/")),
                new Endpoint("/api/v3/providers/ldap/", LdapProviderChanges.DEFINITION,
                        () -> Map.of("name", "limits-" + N.incrementAndGet(), "authorization_flow", flow)));
    }

    @Test
    void theValidBodiesAreAccepted() {
        for (Endpoint e : endpoints()) {
            expect(server.send("POST", e.url(), ADMIN, JSON.writeValueAsString(e.body().get())), 201);
        }
    }

    @Test
    void aValuePastADeclaredLimitIsRefusedOnItsFieldWithTheDeclaredMessage() {
        List<String> checked = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            for (Field<?> f : e.definition().writable()) {
                Object tooFar = pastTheLimit(f);
                String message = f.maxLength() != null
                        ? "Ensure this field has no more than " + f.maxLength() + " characters."
                        : "Ensure this value is greater than or equal to " + f.min() + ".";
                if (tooFar == null) {
                    continue;
                }
                Map<String, Object> body = new LinkedHashMap<>(e.body().get());
                body.put(f.name(), tooFar);
                var response = server.send("POST", e.url(), ADMIN, JSON.writeValueAsString(body));
                assertThat(response.statusCode()).as(e.url() + " accepted " + f.name() + " past its limit").isEqualTo(400);
                JsonNode errors = ApiTestSupport.json(response);
                assertThat(errors.has(f.name())).as(e.url() + " " + f.name() + ": " + errors).isTrue();
                assertThat(errors.get(f.name()).get(0).asString()).as(e.url() + " " + f.name()).isEqualTo(message);
                checked.add(e.definition().type() + "." + f.name());
            }
        }
        assertThat(checked).contains("user.username", "user.email", "user.path", "group.name", "application.slug",
                "application.name", "token.identifier", "scope_mapping.name", "scope_mapping.scope_name",
                "scope_mapping.description", "outpost.name", "flow.slug", "oauth2_provider.client_id",
                "ldap_provider.tls_server_name", "ldap_provider.uid_start_number");
    }

    /** A value one past the field's declared length or lower bound that meets its other constraints, or null. */
    private static Object pastTheLimit(Field<?> f) {
        if (f.maxLength() != null) {
            int n = f.maxLength() + 1;
            String plain = "a".repeat(n);
            if (f.pattern() == null || f.pattern().matcher(plain).matches()) {
                return plain;
            }
            String email = "a".repeat(n - 2) + "@b";
            return f.pattern().matcher(email).matches() ? email : null;
        }
        if (f.min() != null && f.kind().equals(Field.int32("x").kind())) {
            return (int) (f.min() - 1);
        }
        return null;
    }
}
