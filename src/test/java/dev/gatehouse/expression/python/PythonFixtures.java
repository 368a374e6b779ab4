package dev.gatehouse.expression.python;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserType;
import dev.gatehouse.expression.CompiledExpression;
import dev.gatehouse.expression.ExpressionCompiler;
import dev.gatehouse.expression.ExpressionContext;
import dev.gatehouse.expression.ExpressionException;
import dev.gatehouse.expression.ExpressionKind;
import dev.gatehouse.expression.ExpressionResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data for Python expressions: users and groups as records, no database. */
final class PythonFixtures {
    private PythonFixtures() {
    }

    static User user(String username, String name, Map<String, Object> attributes) {
        return new User(42, UUID.randomUUID(), username, name, username + "@example.com", null, null, true,
                UserType.INTERNAL, "users", attributes, null, Instant.parse("2024-01-02T03:04:05Z"));
    }

    static Group group(String name, Map<String, Object> attributes, Group... parents) {
        return new Group(UUID.randomUUID(), name, false, List.of(parents).stream().map(Group::pk).toList(),
                attributes, Instant.EPOCH);
    }

    static CompiledExpression compile(ExpressionKind kind, String source) throws ExpressionException {
        return ExpressionCompiler.standard().compile(kind, source);
    }

    /** A policy context for an anonymous request from {@code ip}. */
    static ExpressionContext.Builder request(String ip, String userAgent) {
        return ExpressionContext.builder().user(null, null).http(ip, "id.example.com", "/flows/x", userAgent);
    }

    static Object value(ExpressionResult r) {
        if (r instanceof ExpressionResult.Value v) {
            return v.value();
        }
        throw new AssertionError("expected a value, got " + r);
    }

    static String failure(ExpressionResult r) {
        if (r instanceof ExpressionResult.Failure f) {
            return f.message();
        }
        throw new AssertionError("expected a failure, got " + r);
    }
}
