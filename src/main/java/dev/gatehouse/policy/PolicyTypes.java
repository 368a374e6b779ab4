package dev.gatehouse.policy;

import dev.gatehouse.policy.dummy.DummyPolicyType;
import dev.gatehouse.policy.expression.ExpressionPolicyType;
import dev.gatehouse.policy.password.PasswordPolicyType;
import java.util.List;
import java.util.Optional;

/** The registry of policy types: one entry per type, nothing else to change when a type is added. */
public final class PolicyTypes {
    private static final List<PolicyType> ALL = List.of(new DummyPolicyType(), new ExpressionPolicyType(),
            new PasswordPolicyType());

    private PolicyTypes() {
    }

    public static List<PolicyType> all() {
        return ALL;
    }

    public static Optional<PolicyType> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
