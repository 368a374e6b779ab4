package dev.gatehouse.policy.dummy;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.policy.PolicyType;
import dev.gatehouse.policy.engine.ConfigValues;
import dev.gatehouse.policy.engine.PolicyOutcome;
import dev.gatehouse.policy.engine.PolicyRequest;
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

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("result", false, "wait_min", 5, "wait_max", 30);
    }

    @Override
    public void validate(ConfigCheck c) {
        c.bool("result");
        Integer min = c.integer("wait_min", 0);
        Integer max = c.integer("wait_max", 0);
        if (min != null && max != null && max < min) {
            c.error("wait_max", "Ensure this value is greater than or equal to wait_min.");
        }
    }

    /** Sleeps a whole number of seconds in [wait_min, wait_max] (both included), then answers {@code result}. */
    @Override
    public PolicyOutcome evaluate(Map<String, Object> config, PolicyRequest request) throws InterruptedException {
        int min = Math.max(0, ConfigValues.integer(config, "wait_min", 0));
        int max = Math.max(min, ConfigValues.integer(config, "wait_max", min));
        int seconds = ThreadLocalRandom.current().nextInt(min, max + 1);
        if (seconds > 0) {
            Thread.sleep(Duration.ofSeconds(seconds));
        }
        return new PolicyOutcome.Decided(ConfigValues.bool(config, "result", false), List.of());
    }
}
