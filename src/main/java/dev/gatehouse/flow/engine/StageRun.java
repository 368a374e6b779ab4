package dev.gatehouse.flow.engine;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.flow.Stage;
import java.util.List;
import java.util.Map;

/** Everything a stage sees while it runs: the plan's context, its config, the request, services, effects. */
public record StageRun(FlowPlan plan, Stage stage, FlowRequest request, FlowServices services,
                       List<FlowEffect> effects) {

    public FlowContext context() {
        return plan.context();
    }

    public Map<String, Object> config() {
        return stage.config();
    }

    /** This stage's config as its type declares it ({@code IdentificationStageType.Config.DEFINITION}). */
    public <C> C config(Definition<C> definition) {
        return definition.typed(stage.config());
    }
}
