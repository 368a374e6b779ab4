package dev.gatehouse.policy;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registry of policy types: one line per type in {@code META-INF/services/dev.gatehouse.policy.PolicyType},
 * nothing else to change when a type is added; the list keeps the order of that file.
 */
public final class PolicyTypes {
    private static final List<PolicyType> ALL = ServiceLoader.load(PolicyType.class, PolicyTypes.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();

    private PolicyTypes() {
    }

    public static List<PolicyType> all() {
        return ALL;
    }

    public static Optional<PolicyType> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
