package dev.gatehouse.policy.reputation;

import dev.gatehouse.core.User;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.PolicyType;
import java.util.Map;

/**
 * authentik's reputation policy: sums the reputation scores of the request's client IP ({@code check_ip}) and/or of
 * the username ({@code check_username}: the request's user, in a flow the pending user) and passes when the sum is
 * at or below {@code threshold}, as authentik does, so it matches a suspicious request. To deny sign-ins of a bad
 * reputation, bind it negated ({@code negate: true}).
 */
public final class ReputationPolicyType implements PolicyType {
    @Override
    public String name() {
        return "reputation";
    }

    /** The policy's config as its views read it. */
    public record Config(boolean checkIp, boolean checkUsername, int threshold) {
        public static final Field<Boolean> CHECK_IP = Field.bool("check_ip").byDefault(true)
                .help("Sum the scores of the client IP.");
        public static final Field<Boolean> CHECK_USERNAME = Field.bool("check_username").byDefault(true)
                .help("Sum the scores of the username.");
        public static final Field<Integer> THRESHOLD = Field.int32("threshold").byDefault(-5)
                .help("The policy passes when the summed score is at or below this value.");

        public static final Definition<Config> DEFINITION = Definition.define("reputation_policy", "ReputationPolicy")
                .field(CHECK_IP, CHECK_USERNAME, THRESHOLD)
                .build(v -> new Config(v.value(CHECK_IP), v.value(CHECK_USERNAME), v.value(THRESHOLD)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    @Override
    public PolicyOutcome evaluate(Map<String, Object> config, PolicyRequest request) {
        Config typed = Config.DEFINITION.typed(config);
        if (request.reputation() == null) {
            return new PolicyOutcome.Error("Reputation scores are not available.");
        }
        String ip = typed.checkIp() && request.clientIp() != null ? request.clientIp() : null;
        String username = typed.checkUsername() ? username(request) : null;
        long score = request.reputation().total(ip, username);
        return PolicyOutcome.of(score <= typed.threshold());
    }

    private static String username(PolicyRequest request) {
        if (request.user() != null) {
            return request.user().username();
        }
        return request.context().get("pending_user") instanceof User u ? u.username() : null;
    }
}
