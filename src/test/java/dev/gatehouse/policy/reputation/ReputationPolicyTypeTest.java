package dev.gatehouse.policy.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.User;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.PolicyTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reputation policy's decision from the summed scores, and what it asks for. */
class ReputationPolicyTypeTest {
    private final ReputationPolicyType type = new ReputationPolicyType();
    private final List<String> asked = new ArrayList<>();

    private PolicyRequest request(User user, long total) {
        return new PolicyRequest(user, "10.0.0.1", PolicyRequest.Http.NONE, Map.of())
                .withReputation((ip, identifier) -> {
                    asked.add(ip + "/" + identifier);
                    return total;
                });
    }

    private boolean passes(Map<String, Object> config, PolicyRequest request) {
        return ((PolicyOutcome.Decided) type.evaluate(config, request)).passing();
    }

    @Test
    void registeredWithAuthentiksDefaults() {
        assertThat(PolicyTypes.byName("reputation")).isPresent();
        assertThat(type.defaults()).containsEntry("check_ip", true).containsEntry("check_username", true)
                .containsEntry("threshold", -5);
        assertThat(type.component()).isEqualTo("ak-policy-reputation-form");
    }

    @Test
    void passesAtOrBelowTheThresholdAsAuthentik() {
        Map<String, Object> config = type.defaults();
        assertThat(passes(config, request(null, -6))).isTrue();
        assertThat(passes(config, request(null, -5))).isTrue();
        assertThat(passes(config, request(null, -4))).isFalse();
        assertThat(passes(config, request(null, 0))).isFalse();
    }

    @Test
    void asksForTheIpAndOrTheUsername() {
        User frank = new User(7, java.util.UUID.randomUUID(), "frank", "", "", "!x", null, true,
                dev.gatehouse.core.UserType.INTERNAL, "users", Map.of(), null, null);
        Map<String, Object> config = type.defaults();
        passes(config, request(frank, 0));
        config.put("check_username", false);
        passes(config, request(frank, 0));
        config.put("check_ip", false);
        config.put("check_username", true);
        passes(config, request(null, 0).withContext("pending_user", frank));
        assertThat(asked).containsExactly("10.0.0.1/frank", "10.0.0.1/null", "null/frank");
    }

    @Test
    void withoutScoresItIsAnError() {
        assertThat(type.evaluate(type.defaults(), new PolicyRequest(null, "10.0.0.1", null, Map.of())))
                .isInstanceOf(PolicyOutcome.Error.class);
    }
}
