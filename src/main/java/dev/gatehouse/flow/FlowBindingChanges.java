package dev.gatehouse.flow;

import java.util.UUID;

/** Fields to set on a flow-stage binding; {@code null} means "leave as is" (or the default on create). */
public record FlowBindingChanges(UUID target, UUID stage, Integer order, Boolean evaluateOnPlan,
                                 Boolean reEvaluatePolicies, String invalidResponseAction, String policyEngineMode) {
}
