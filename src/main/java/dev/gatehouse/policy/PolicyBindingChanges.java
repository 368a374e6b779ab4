package dev.gatehouse.policy;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.definition.Kind;
import dev.gatehouse.definition.Reference;
import dev.gatehouse.definition.Values;
import java.util.Optional;
import java.util.UUID;

/**
 * Fields to set on a policy binding; {@code null} means "leave as is". The three subjects are
 * {@code Optional}s so that a body can clear one ({@code Optional.empty()}) while setting another; on create
 * and replace an absent subject counts as cleared, so the body alone decides which one is set.
 * {@link #DEFINITION} declares the fields as requests give them.
 */
public record PolicyBindingChanges(UUID target, Optional<UUID> policy, Optional<UUID> group, Optional<Long> user,
                                   Boolean negate, Boolean enabled, Integer order, Integer timeout,
                                   Boolean failureResult) {
    public static final Field<UUID> TARGET = Field.of("target", Kind.UUID_PK).required()
            .references(Reference.to("policy_target", UUID.class))
            .help("What the binding guards: a flow, a flow-stage binding or an application.");
    public static final Field<UUID> POLICY = Field.ref("policy", "policy").nullable();
    public static final Field<UUID> GROUP = Field.ref("group", "group").nullable()
            .help("Passes for members of the group.");
    public static final Field<Long> USER = Field.intRef("user", "user").nullable().help("Passes for this user.");
    public static final Field<Boolean> NEGATE = Field.bool("negate").byDefault(false)
            .help("Inverts the result (the messages stay).");
    public static final Field<Boolean> ENABLED = Field.bool("enabled").byDefault(true);
    public static final Field<Integer> ORDER = Field.int32("order").required();
    public static final Field<Integer> TIMEOUT = Field.int32("timeout").min(0).byDefault(30)
            .help("Seconds the policy may run.");
    public static final Field<Boolean> FAILURE_RESULT = Field.bool("failure_result").byDefault(false)
            .help("The result when the policy fails to run.");

    public static final Definition<PolicyBindingChanges> DEFINITION = Definition.define("policy_binding", "PolicyBinding")
            .field(TARGET, POLICY, GROUP, USER, NEGATE, ENABLED, ORDER, TIMEOUT, FAILURE_RESULT)
            .build(v -> new PolicyBindingChanges(v.get(TARGET), subject(v, POLICY), subject(v, GROUP),
                    subject(v, USER), v.get(NEGATE), v.get(ENABLED), v.get(ORDER), v.get(TIMEOUT),
                    v.get(FAILURE_RESULT)));

    private static <T> Optional<T> subject(Values v, Field<T> f) {
        Optional<T> given = v.optional(f);
        return given == null && v.write() != null && v.write() != dev.gatehouse.definition.Write.UPDATE
                ? Optional.empty() : given;
    }
}
