package dev.gatehouse.policy.expression;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.ApplicationChanges;
import dev.gatehouse.core.ApplicationService;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.PolicyEngineMode;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyBindingChanges;
import dev.gatehouse.policy.PolicyBindingService;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.PolicyService;
import dev.gatehouse.policy.PolicyTypes;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.policy.engine.PolicyResult;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.testing.TestServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Python expression policies through the API and the policy engine, on H2 and PostgreSQL. */
class PythonExpressionPolicyTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    @Test
    void apiRefusesImportWithPositionAndSavesPython() {
        try (TestServer server = TestServer.start()) {
            JsonNode bad = expect(server.send("POST", "/api/v3/policies/expression/", ADMIN, obj("name", "py-bad",
                    "expression", "# no\nimport os\nreturn True")), 400);
            assertThat(bad.propertyNames()).containsExactly("expression");
            assertThat(bad.get("expression").get(0).asString())
                    .startsWith("ERROR: expression:2:1: 'import' is not supported in expressions");
            JsonNode dunder = expect(server.send("POST", "/api/v3/policies/expression/", ADMIN, obj("name", "py-bad",
                    "expression", "return request.user.__class__ is None")), 400);
            assertThat(dunder.get("expression").get(0).asString()).startsWith("ERROR: expression:1:21:");
            JsonNode ok = expect(server.send("POST", "/api/v3/policies/expression/", ADMIN, obj("name", "py-ok",
                    "expression", "if user.is_active:\n    return True\nreturn False")), 201);
            assertThat(ok.get("expression").asString()).isEqualTo("if user.is_active:\n    return True\nreturn False");
        }
    }

    private static Policy policy(Database db, String name, String source) {
        return new PolicyService(db).create(Actor.SYSTEM, PolicyTypes.byName("expression").orElseThrow(), name, false,
                Map.of("expression", source));
    }

    private static UUID app(Database db, String slug) {
        return new ApplicationService(db).create(Actor.SYSTEM, new ApplicationChanges(slug, slug, null, null, null,
                null, null, null, null, null)).pk();
    }

    private static void bind(Database db, UUID target, Policy p, boolean failureResult) {
        new PolicyBindingService(db).create(Actor.SYSTEM, new PolicyBindingChanges(target, Optional.of(p.pk()), null,
                null, false, true, 0, 30, failureResult));
    }

    private static long events(Database db, String action) {
        return ((Number) db.dsl().fetchValue("SELECT COUNT(*) FROM events_event WHERE action = ?", action)).longValue();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void runtimeErrorUsesFailureResultAndRecordsPolicyException(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Policy p = policy(db, "py-keyerror", "x = 1\nreturn context['prompt_data']['missing'] == x");
            UUID strict = app(db, "strict");
            UUID lenient = app(db, "lenient");
            bind(db, strict, p, false);
            bind(db, lenient, p, true);
            PolicyRequest request = new PolicyRequest(null, "192.0.2.1", null, Map.of("prompt_data", Map.of("a", 1)));
            PolicyResult r = new PolicyEngine(db).evaluate(strict, PolicyEngineMode.ANY, request);
            assertThat(r.passing()).isFalse();
            assertThat(r.messages()).singleElement().asString().contains("KeyError: 'missing' (line 2)");
            assertThat(new PolicyEngine(db).evaluate(lenient, PolicyEngineMode.ANY, request).passing()).isTrue();
            assertThat(events(db, "policy_exception")).isEqualTo(2);
            assertThat(db.dsl().fetchValue("SELECT context FROM events_event WHERE action = 'policy_exception' "
                    + "ORDER BY created DESC LIMIT 1").toString()).contains("KeyError").contains("py-keyerror");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void akLoggerLinesReachTheEventLogWithoutExecutionLogging(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Policy quiet = policy(db, "py-quiet", "return True");
            Policy logging = policy(db, "py-logger", """
                    ak_logger.warning("odd client", ip=ak_client_ip)
                    return True
                    """);
            UUID target = app(db, "logged");
            bind(db, target, quiet, false);
            bind(db, target, logging, false);
            PolicyRequest request = new PolicyRequest(null, "192.0.2.44", null, Map.of());
            assertThat(new PolicyEngine(db).evaluate(target, PolicyEngineMode.ALL, request).passing()).isTrue();
            assertThat(events(db, "policy_execution")).as("only the policy that logged").isEqualTo(1);
            assertThat(db.dsl().fetchValue("SELECT context FROM events_event WHERE action = 'policy_execution'")
                    .toString()).contains("log_messages").contains("odd client ip=192.0.2.44").contains("py-logger");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void engineGivesGroupsAndUserLookup(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserStore users = new UserStore(db.dsl());
            User alice = users.insert("alice", "Alice", "alice@example.org", PasswordHasher.unusable(), true,
                    UserType.INTERNAL, "users", Map.of());
            users.insert("bob", "Bob", "bob@example.org", PasswordHasher.unusable(), true, UserType.INTERNAL, "users",
                    Map.of());
            var g = new GroupStore(db.dsl()).insert("admins", false, Map.of());
            new dev.gatehouse.core.GroupService(db).addUser(Actor.SYSTEM, g.pk(), alice.pk());
            Policy p = policy(db, "py-lookup", """
                    bob = ak_user_by(username='bob')
                    nobody = ak_user_by(email='nobody@example.org')
                    if ak_is_group_member(request.user, name='admins') and bob.email == 'bob@example.org' and nobody is None:
                        ak_message(f"hello {user.username}, {bob.name} found")
                        return False
                    return True
                    """);
            UUID target = app(db, "app");
            bind(db, target, p, false);
            PolicyResult r = new PolicyEngine(db).evaluate(target, PolicyEngineMode.ANY, PolicyRequest.of(alice));
            assertThat(r.passing()).as("the message shows on a failing policy: it fails when all lookups worked")
                    .isFalse();
            assertThat(r.messages()).isEqualTo(List.of("hello alice, Bob found"));
        }
    }
}
