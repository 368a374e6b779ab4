package dev.gatehouse.flow.engine;

import dev.gatehouse.flow.Flow;
import java.util.List;
import java.util.Optional;

/**
 * A flow planned for one request: the stages still to run and the context. Kept server-side, bound to
 * the browser's flow cookie (or held in memory by a headless caller); the client never sees it.
 */
public final class FlowPlan {
    private final Flow flow;
    private List<PlannedStage> stages;
    private FlowContext context;
    private int index;

    public FlowPlan(Flow flow, List<PlannedStage> stages, FlowContext context) {
        this.flow = flow;
        this.stages = List.copyOf(stages);
        this.context = context;
    }

    public Flow flow() {
        return flow;
    }

    public FlowContext context() {
        return context;
    }

    public Optional<PlannedStage> current() {
        return index < stages.size() ? Optional.of(stages.get(index)) : Optional.empty();
    }

    void advance() {
        index++;
    }

    /** Starts over with a fresh plan's stages and the given context (restart / restart_with_context). */
    void restartWith(FlowPlan fresh, FlowContext keptContext) {
        this.stages = fresh.stages;
        this.context = keptContext;
        this.index = 0;
    }

    public int remaining() {
        return stages.size() - index;
    }
}
