package dev.gatehouse.flow;

import java.util.UUID;

/** A stage placed in a flow at an order. */
public record FlowStageBinding(UUID pk, UUID target, UUID stage, int order, boolean evaluateOnPlan,
                               boolean reEvaluatePolicies, String invalidResponseAction, String policyEngineMode) {
}
