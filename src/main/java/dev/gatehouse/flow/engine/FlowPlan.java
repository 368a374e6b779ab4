package dev.gatehouse.flow.engine;

import dev.gatehouse.flow.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A flow planned for one request: the stages still to run and the context. Kept server-side, stored under
 * the browser's flow cookie ({@link FlowPlans}) or held in memory by a headless caller; the client never sees
 * it. Stages {@linkplain #append appended} by the caller run after every planned stage and stay last across
 * restarts.
 */
public final class FlowPlan {
    private final Flow flow;
    private final List<PlannedStage> appended;
    private final FlowContext initial;
    private List<PlannedStage> stages;
    private FlowContext context;
    private int index;

    public FlowPlan(Flow flow, List<PlannedStage> stages, FlowContext context) {
        this(flow, stages, List.of(), context.copy(), context, 0);
    }

    /** A plan as stored ({@link StoredPlan}): {@code appended} are elements of {@code stages}. */
    FlowPlan(Flow flow, List<PlannedStage> stages, List<PlannedStage> appended, FlowContext initial,
             FlowContext context, int index) {
        this.flow = flow;
        this.stages = new ArrayList<>(stages);
        this.appended = new ArrayList<>(appended);
        this.initial = initial;
        this.context = context;
        this.index = index;
    }

    List<PlannedStage> stages() {
        return List.copyOf(stages);
    }

    List<PlannedStage> appended() {
        return List.copyOf(appended);
    }

    int index() {
        return index;
    }

    /** The initial context itself (not a copy), for storing. */
    FlowContext initial() {
        return initial;
    }

    /**
     * Adds a stage after the planned ones (and after those appended before it). It is reached only when every
     * stage before it has passed: a denial ends the plan first.
     */
    public void append(PlannedStage stage) {
        appended.add(stage);
        stages.add(stage);
    }

    /**
     * Puts a stage right after the current one (authentik's {@code plan.insert_stage}): the authenticator_validate
     * stage inserts the configuration stage a user without a device must go through. A restart forgets it.
     */
    public void insertNext(PlannedStage stage) {
        stages.add(Math.min(index + 1, stages.size()), stage);
    }

    /**
     * Puts stages before the current one, the first of them becoming current (a policy's demand, {@link PasswordChange}).
     * A restart forgets them.
     */
    void insertBeforeCurrent(List<PlannedStage> inserted) {
        stages.addAll(Math.min(index, stages.size()), inserted);
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

    /** The stages after the current one. */
    List<PlannedStage> upcoming() {
        return index + 1 < stages.size() ? List.copyOf(stages.subList(index + 1, stages.size())) : List.of();
    }

    void advance() {
        index++;
    }

    /** Starts over with a fresh plan's stages and the given context (restart / restart_with_context). */
    void restartWith(FlowPlan fresh, FlowContext keptContext) {
        this.stages = new ArrayList<>(fresh.stages);
        this.stages.addAll(appended);
        this.context = keptContext;
        this.index = 0;
    }

    /** What the caller started the plan with (a restart goes back to it). */
    FlowContext initialContext() {
        return initial.copy();
    }

    public int remaining() {
        return stages.size() - index;
    }
}
