package dev.gatehouse.policy.expression;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.policy.PolicyType;
import java.util.Map;

/** A CEL expression over the request and flow context; stored and required here, compiled by the policy engine. */
public final class ExpressionPolicyType implements PolicyType {
    @Override
    public String name() {
        return "expression";
    }

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("expression", "");
    }

    @Override
    public void validate(ConfigCheck c) {
        c.nonBlank("expression");
    }
}
