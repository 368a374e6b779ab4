package dev.gatehouse.policy;

import java.util.UUID;

/**
 * Binds exactly one of a policy, a group or a user to a target (a flow, a flow-stage binding, an
 * application or a notification rule, told apart by {@code targetKind}).
 */
public record PolicyBinding(UUID pk, UUID target, TargetKind targetKind, UUID policy, UUID group, Long user,
                            boolean negate, boolean enabled, int order, int timeout, boolean failureResult) {

    /** What a binding's target is. */
    public enum TargetKind {
        FLOW, FLOW_STAGE_BINDING, APPLICATION, NOTIFICATION_RULE
    }
}
