package dev.gatehouse.policy.dummy;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.policy.PolicyType;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A test policy: returns {@code result} after a random wait between {@code wait_min} and {@code wait_max} seconds. */
public final class DummyPolicyType implements PolicyType {
    @Override
    public String name() {
        return "dummy";
    }

    /** The policy's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(boolean result, int waitMin, int waitMax) {
        public static final Field<Boolean> RESULT = Field.bool("result").byDefault(false).help("What the policy answers.");
        public static final Field<Integer> WAIT_MIN = Field.int32("wait_min").min(0).byDefault(5).help("Seconds to wait at least.");
        public static final Field<Integer> WAIT_MAX = Field.int32("wait_max").min(0).byDefault(30);

        public static final Definition<Config> DEFINITION = Definition.define("dummy_policy", "DummyPolicy")
                .field(RESULT, WAIT_MIN, WAIT_MAX)
                .build(v -> new Config(v.value(RESULT), v.value(WAIT_MIN), v.value(WAIT_MAX)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    @Override
    public void validate(ConfigCheck c) {
        if (c.value("wait_min") instanceof Number min && c.value("wait_max") instanceof Number max
                && max.longValue() < min.longValue()) {
            c.error("wait_max", "Ensure this value is greater than or equal to wait_min.");
        }
    }

    /** Sleeps a whole number of seconds in [wait_min, wait_max] (both included), then answers {@code result}. */
    @Override
    public PolicyOutcome evaluate(Map<String, Object> config, PolicyRequest request) throws InterruptedException {
        Config typed = Config.DEFINITION.typed(config);
        int min = Math.max(0, typed.waitMin());
        int max = Math.max(min, typed.waitMax());
        int seconds = ThreadLocalRandom.current().nextInt(min, max + 1);
        if (seconds > 0) {
            Thread.sleep(Duration.ofSeconds(seconds));
        }
        return new PolicyOutcome.Decided(typed.result(), List.of());
    }
}
