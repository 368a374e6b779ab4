package dev.gatehouse.policy.password;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.core.PolicyEngineMode;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The password policy's strength (zxcvbn) and Have I Been Pwned checks as validation policies of the enrollment
 * flow's prompt stage, through real enrollments over the executor API on H2 and PostgreSQL. Have I Been Pwned is a
 * loopback server speaking its range API: it serves the real SHA-1 suffixes of a few passwords with counts among
 * padding entries, records what it was asked, and answers 503 under {@code /broken}.
 */
class PasswordPolicyFlowTest {
    private static final String ENROLLMENT = "default-source-enrollment";
    private static final Map<String, Integer> BREACHED = Map.of("Pwned-A-Lot-2024!", 120, "Pwned-Exactly-5-2024!", 5,
            "Pwned-Rarely-2024!", 3);
    private static final List<String> asked = new CopyOnWriteArrayList<>();
    private static final List<String> padding = new CopyOnWriteArrayList<>();
    private static HttpServer hibp;

    @BeforeAll
    static void startPwnedPasswords() throws IOException {
        hibp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hibp.createContext("/range/", exchange -> {
            String prefix = exchange.getRequestURI().getPath().substring("/range/".length());
            asked.add(exchange.getRequestURI().toString());
            padding.add(String.valueOf(exchange.getRequestHeaders().getFirst("Add-Padding")));
            StringBuilder body = new StringBuilder();
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < 40; i++) {
                byte[] b = new byte[18];
                random.nextBytes(b);
                body.append(HexFormat.of().withUpperCase().formatHex(b), 0, 35).append(":0\r\n");
            }
            BREACHED.forEach((password, count) -> {
                String hash = PwnedPasswords.sha1Hex(password);
                if (hash.startsWith(prefix)) {
                    body.append(hash.substring(5)).append(':').append(count).append("\r\n");
                }
            });
            byte[] bytes = body.toString().strip().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        hibp.createContext("/broken/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        hibp.start();
    }

    @AfterAll
    static void stopPwnedPasswords() {
        hibp.stop(0);
    }

    private static String hibpUrl() {
        return "http://127.0.0.1:" + hibp.getAddress().getPort();
    }

    static Stream<Arguments> servers() {
        Function<Map<String, String>, TestServer> h2 = TestServer::start;
        Function<Map<String, String>, TestServer> pg = TestServer::startOnPostgres;
        return Stream.of(Arguments.of("h2", h2), Arguments.of("postgresql", pg));
    }

    private static String pk(TestServer server, String path, String name) {
        return expect(server.get(path + "?name=" + name, ADMIN), 200).get("results").get(0).get("pk").asString();
    }

    /** Makes the policy the enrollment prompt's validation policy. */
    private static void validateEnrollmentWith(TestServer server, String policy) {
        String stages = "/api/v3/stages/prompt/stages/";
        expect(server.send("PATCH", stages + pk(server, stages, "default-source-enrollment-prompt") + "/", ADMIN,
                obj("validation_policies", List.of(policy))), 200);
    }

    private static JsonNode enrol(TestServer server, String username, String password) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("component", "ak-stage-prompt");
        a.put("username", username);
        a.put("name", "Name of " + username);
        a.put("email", username + "@family.example");
        a.put("password", password);
        a.put("password_repeat", password);
        try (FlowClient client = new FlowClient(server.base())) {
            return client.answer(ENROLLMENT, null, a);
        }
    }

    private static String refusal(JsonNode step) {
        return step.path("response_errors").path("non_field_errors").path(0).path("string").asString("");
    }

    private static boolean enrolled(JsonNode step) {
        return step.path("component").asString().equals(FlowClient.REDIRECT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void zxcvbnRefusesAWeakPasswordWithItsFeedbackAndTakesAStrongOne(String kind,
                                                                     Function<Map<String, String>, TestServer> start) {
        try (TestServer server = start.apply(Map.of())) {
            JsonNode policy = expect(server.send("POST", "/api/v3/policies/password/", ADMIN, obj("name", "strength",
                    "check_zxcvbn", true, "length_min", 8)), 201);
            assertThat(policy.get("zxcvbn_score_threshold").asInt()).isEqualTo(2);
            validateEnrollmentWith(server, policy.get("pk").asString());

            String weak = refusal(enrol(server, "weakling", "password1"));
            assertThat(weak).startsWith("Password is too weak.").contains("This is a very common password.")
                    .contains("Add another word or two. Uncommon words are better.");
            assertThat(refusal(enrol(server, "weakling", "short"))).as("the static rules still apply first")
                    .isEqualTo("The password does not meet the requirements.");
            assertThat(refusal(enrol(server, "marguerite-oakley", "marguerite-oakley")))
                    .as("the user's own name is guessable").startsWith("Password is too weak.");
            assertThat(enrolled(enrol(server, "someone-else", "marguerite-oakley")))
                    .as("the same password for another user scores 3").isTrue();
            assertThat(enrolled(enrol(server, "weakling", "correct-Horse-battery-staple-9x!"))).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void haveIBeenPwnedIsAskedByPrefixOnly(String kind, Function<Map<String, String>, TestServer> start) {
        try (TestServer server = start.apply(Map.of("policies.hibp_url", hibpUrl() + "/"))) {
            JsonNode policy = expect(server.send("POST", "/api/v3/policies/password/", ADMIN, obj("name", "breached",
                    "check_static_rules", false, "check_have_i_been_pwned", true, "hibp_allowed_count", 5)), 201);
            validateEnrollmentWith(server, policy.get("pk").asString());
            asked.clear();
            padding.clear();

            assertThat(refusal(enrol(server, "leaky", "Pwned-A-Lot-2024!"))).isEqualTo("Password exists on 120 online lists.");
            assertThat(enrolled(enrol(server, "leaky", "Pwned-Exactly-5-2024!"))).as("at the allowed count").isTrue();
            assertThat(enrolled(enrol(server, "careful", "Pwned-Rarely-2024!"))).isTrue();
            assertThat(enrolled(enrol(server, "unknown", "Never-Seen-Anywhere-7c1f!"))).isTrue();

            List<String> passwords = List.of("Pwned-A-Lot-2024!", "Pwned-Exactly-5-2024!", "Pwned-Rarely-2024!",
                    "Never-Seen-Anywhere-7c1f!");
            assertThat(asked).containsExactlyElementsOf(passwords.stream()
                    .map(p -> "/range/" + PwnedPasswords.sha1Hex(p).substring(0, 5)).toList());
            for (String p : passwords) {
                String rest = PwnedPasswords.sha1Hex(p).substring(5);
                assertThat(asked).noneMatch(a -> a.contains(p) || a.toUpperCase().contains(rest));
            }
            assertThat(padding).containsOnly("true");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void anUnreachableServiceIsAConfigurationErrorAndTheFailureResult(String kind,
                                                                      Function<Map<String, String>, TestServer> start)
            throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (TestServer server = start.apply(Map.of("policies.hibp_url", "http://127.0.0.1:" + closed))) {
            JsonNode policy = expect(server.send("POST", "/api/v3/policies/password/", ADMIN, obj("name", "breached",
                    "check_have_i_been_pwned", true)), 201);
            String policyPk = policy.get("pk").asString();
            validateEnrollmentWith(server, policyPk);
            String refused = refusal(enrol(server, "hopeful", "Any-Password-At-All-1!"));
            assertThat(refused).startsWith("The Have I Been Pwned check is not available: http://127.0.0.1:" + closed
                    + " could not be reached").contains("policies.hibp_url").doesNotContain("Any-Password");
            JsonNode events = expect(server.get("/api/v3/events/events/?action=policy_exception", ADMIN), 200)
                    .get("results");
            assertThat(events).isNotEmpty();
            assertThat(events.get(0).path("context").path("message").asString()).contains("could not be reached");
            assertThat(events.get(0).path("context").path("policy").path("pk").asString()).isEqualTo(policyPk);
            assertThat(events.toString()).doesNotContain("Any-Password-At-All-1!")
                    .doesNotContain(PwnedPasswords.sha1Hex("Any-Password-At-All-1!").substring(5));

            // Bound with failure_result true (here to the enrollment's first stage binding), the error passes.
            String flow = expect(server.get("/api/v3/flows/instances/" + ENROLLMENT + "/", ADMIN), 200).get("pk").asString();
            String binding = expect(server.get("/api/v3/flows/bindings/?target=" + flow, ADMIN), 200)
                    .get("results").get(0).get("pk").asString();
            expect(server.send("POST", "/api/v3/policies/bindings/", ADMIN, obj("target", binding, "policy", policyPk,
                    "order", 0, "failure_result", true)), 201);
            PolicyRequest request = new PolicyRequest(null, "127.0.0.1", PolicyRequest.Http.NONE,
                    Map.of("prompt_data", Map.of("password", "Any-Password-At-All-1!")));
            var result = new PolicyEngine(server.gatehouse().database()).evaluate(UUID.fromString(binding),
                    PolicyEngineMode.ALL, request);
            assertThat(result.passing()).isTrue();
            assertThat(expect(server.get("/api/v3/events/events/?action=policy_exception", ADMIN), 200)
                    .get("results").size()).isEqualTo(events.size() + 1);
        }
        try (TestServer server = start.apply(Map.of("policies.hibp_url", hibpUrl() + "/broken"))) {
            JsonNode policy = expect(server.send("POST", "/api/v3/policies/password/", ADMIN, obj("name", "breached",
                    "check_have_i_been_pwned", true)), 201);
            validateEnrollmentWith(server, policy.get("pk").asString());
            assertThat(refusal(enrol(server, "hopeful", "Any-Password-At-All-1!")))
                    .startsWith("The Have I Been Pwned check is not available: " + hibpUrl() + "/broken answered HTTP 503");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theApiHasAuthentiksFieldsAndValidatesThem(String kind, Function<Map<String, String>, TestServer> start) {
        try (TestServer server = start.apply(Map.of())) {
            JsonNode created = expect(server.send("POST", "/api/v3/policies/password/", ADMIN, obj("name", "defaults")), 201);
            assertThat(created.get("check_static_rules").asBoolean()).isTrue();
            assertThat(created.get("check_have_i_been_pwned").asBoolean()).isFalse();
            assertThat(created.get("hibp_allowed_count").asInt()).isZero();
            assertThat(created.get("check_zxcvbn").asBoolean()).isFalse();
            assertThat(created.get("zxcvbn_score_threshold").asInt()).isEqualTo(2);
            for (int bad : new int[] {-1, 5}) {
                JsonNode refused = expect(server.send("POST", "/api/v3/policies/password/", ADMIN, obj("name", "bad" + bad,
                        "check_zxcvbn", true, "zxcvbn_score_threshold", bad)), 400);
                assertThat(refused.has("zxcvbn_score_threshold")).as(refused.toString()).isTrue();
            }
            JsonNode negative = expect(server.send("POST", "/api/v3/policies/password/", ADMIN, obj("name", "neg",
                    "hibp_allowed_count", -1)), 400);
            assertThat(negative.has("hibp_allowed_count")).isTrue();
            expect(server.send("PATCH", "/api/v3/policies/password/" + created.get("pk").asString() + "/", ADMIN,
                    obj("zxcvbn_score_threshold", 4, "check_zxcvbn", true)), 200);
        }
    }
}
