package dev.gatehouse.flow.engine;

import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.Stage;

/** One step of a plan: the binding (order, policies, invalid-response action) and its stage. */
public record PlannedStage(FlowStageBinding binding, Stage stage) {
}
