package dev.gatehouse.policy.engine;

import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.policy.PolicyType;
import dev.gatehouse.policy.PolicyTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluators of the registered policy types, without a database. */
class PolicyEvaluatorsTest {
    private static PolicyType type(String name) {
        return PolicyTypes.byName(name).orElseThrow();
    }

    private static PolicyOutcome password(Map<String, Object> values, Map<String, Object> context) throws Exception {
        Map<String, Object> config = type("password").defaults();
        config.putAll(values);
        return type("password").evaluate(config, new PolicyRequest(null, null, null, context));
    }

    @Test
    void passwordWhenEveryMinimumMetThenPasses() throws Exception {
        Map<String, Object> strict = Map.of("length_min", 8, "amount_uppercase", 2, "amount_lowercase", 2,
                "amount_digits", 2, "amount_symbols", 1, "error_message", "weak");
        assertThat(password(strict, Map.of("password", "ABcd12!x"))).isEqualTo(PolicyOutcome.pass());
        for (String weak : List.of("ABcd12!", "Abcd12!x", "ABCD12!x", "ABcd1x!x", "ABcd12xx")) {
            assertThat(password(strict, Map.of("password", weak))).as(weak)
                    .isEqualTo(new PolicyOutcome.Decided(false, List.of("weak")));
        }
    }

    @Test
    void passwordWhenInPromptDataThenPromptDataWinsOverContext() throws Exception {
        Map<String, Object> min = Map.of("length_min", 5, "password_field", "pw");
        assertThat(password(min, Map.of("prompt_data", Map.of("pw", "longer"), "pw", "x")).equals(PolicyOutcome.pass()))
                .isTrue();
        assertThat(password(min, Map.of("prompt_data", Map.of("pw", "x"), "pw", "longer")))
                .isInstanceOfSatisfying(PolicyOutcome.Decided.class, d -> assertThat(d.passing()).isFalse());
        assertThat(password(min, Map.of("pw", "longer"))).isEqualTo(PolicyOutcome.pass());
    }

    @Test
    void passwordWhenMissingThenFailsSayingSoAndBlankMessageGetsDefault() throws Exception {
        assertThat(password(Map.of(), Map.of())).isEqualTo(new PolicyOutcome.Decided(false, List.of("Password not set in context")));
        PolicyOutcome weak = password(Map.of("length_min", 10), Map.of("password", "short"));
        assertThat(weak).isInstanceOfSatisfying(PolicyOutcome.Decided.class,
                d -> assertThat(d.messages()).singleElement().asString().isNotBlank());
    }

    @Test
    void dummyWhenNoWaitThenAnswersResult() throws Exception {
        for (boolean result : new boolean[] {true, false}) {
            assertThat(type("dummy").evaluate(Map.of("result", result, "wait_min", 0, "wait_max", 0), PolicyRequest.of(null)))
                    .isEqualTo(new PolicyOutcome.Decided(result, List.of()));
        }
    }

    @Test
    void expressionWhenTrueOrFalseThenDecidedWithMessages() throws Exception {
        assertThat(type("expression").evaluate(Map.of("expression", "true"), PolicyRequest.of(null)))
                .isEqualTo(PolicyOutcome.pass());
        assertThat(type("expression").evaluate(Map.of("expression",
                "ak_message('denied') && context.password == 'short' && !request.user.is_authenticated && false"),
                new PolicyRequest(null, null, null, Map.of("password", "short"))))
                .isEqualTo(new PolicyOutcome.Decided(false, List.of("denied")));
    }

    @Test
    void expressionWhenHttpFactsThenSeenUnderAuthentikNames() throws Exception {
        PolicyRequest request = new PolicyRequest(null, "10.0.0.7", new PolicyRequest.Http("id.example.com", "/x/",
                "agent"), Map.of());
        assertThat(type("expression").evaluate(Map.of("expression",
                "ak_is_in_network(request.http_request.client_ip, '10.0.0.0/24') && request.http_request.host "
                        + "== 'id.example.com'"), request)).isEqualTo(PolicyOutcome.pass());
    }

    @Test
    void expressionWhenEvaluationFailsOrInvalidThenError() throws Exception {
        assertThat(type("expression").evaluate(Map.of("expression", "context.nothing"), PolicyRequest.of(null)))
                .isInstanceOfSatisfying(PolicyOutcome.Error.class, e -> assertThat(e.message()).contains("nothing"));
        assertThat(type("expression").evaluate(Map.of("expression", "1 +"), PolicyRequest.of(null)))
                .isInstanceOfSatisfying(PolicyOutcome.Error.class,
                        e -> assertThat(e.message()).startsWith("The expression is invalid: ERROR: expression:1:"));
    }
}
