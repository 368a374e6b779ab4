package dev.gatehouse.policy.dummy;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.policy.PolicyType;
import java.util.Map;

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
}
