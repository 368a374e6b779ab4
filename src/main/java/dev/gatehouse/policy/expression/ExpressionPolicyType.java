package dev.gatehouse.policy.expression;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.policy.PolicyType;
import dev.gatehouse.policy.engine.PolicyOutcome;
import dev.gatehouse.policy.engine.PolicyRequest;
import java.util.Map;

/** A CEL expression over the request and flow context; stored and required here. */
public final class ExpressionPolicyType implements PolicyType {
    static final String NOT_EVALUABLE = "Expression policies cannot be evaluated yet: this Gatehouse has no CEL evaluator.";

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

    /** Never pretends to pass: until CEL is wired in, every evaluation is an error (the binding's failure_result). */
    @Override
    public PolicyOutcome evaluate(Map<String, Object> config, PolicyRequest request) {
        return new PolicyOutcome.Error(NOT_EVALUABLE);
    }
}
