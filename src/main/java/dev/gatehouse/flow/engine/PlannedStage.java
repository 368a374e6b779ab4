package dev.gatehouse.flow.engine;

import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.Stage;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One step of a plan: the binding (order, policies, invalid-response action) and its stage. A planned stage
 * comes from the flow's bindings and behaves as its stage type says ({@code view} null). An
 * {@linkplain #inMemory in-memory} stage is added to a plan by the code that starts it (authentik's
 * {@code plan.append_stage}, e.g. the OAuth2 fulfillment): its behaviour is given directly, it is stored only
 * with its plan (its {@code type} names the {@linkplain InMemoryStages kind} that saves and rebuilds its view)
 * and has no policies of its own.
 */
public record PlannedStage(FlowStageBinding binding, Stage stage, StageView<?> view) {

    public PlannedStage(FlowStageBinding binding, Stage stage) {
        this(binding, stage, null);
    }

    /**
     * A stage that exists only in one plan: {@code type} and {@code config} are what the view sees through
     * {@link StageRun#stage()}; {@code type} also names its {@link InMemoryStages} kind, so a plan holding it can be
     * stored. An invalid answer retries it.
     */
    public static PlannedStage inMemory(String name, String type, Map<String, Object> config, StageView<?> view) {
        Objects.requireNonNull(view, "an in-memory stage needs its view");
        UUID pk = UUID.randomUUID();
        Stage stage = new Stage(pk, name, type, Map.copyOf(config), Instant.now());
        FlowStageBinding binding = new FlowStageBinding(UUID.randomUUID(), null, pk, Integer.MAX_VALUE, false, false,
                "retry", "any");
        return new PlannedStage(binding, stage, view);
    }

    /**
     * A stored stage added to one plan by another stage (not through a binding of the flow): it behaves as its
     * type says, has no policies of its own, and an invalid answer retries it.
     */
    public static PlannedStage inserted(Stage stage, UUID flow) {
        return new PlannedStage(new FlowStageBinding(UUID.randomUUID(), flow, stage.pk(), Integer.MAX_VALUE, false,
                false, "retry", "any"), stage, null);
    }

    public boolean isInMemory() {
        return view != null;
    }
}
