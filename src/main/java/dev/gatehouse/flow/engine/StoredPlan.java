package dev.gatehouse.flow.engine;

import dev.gatehouse.core.Json;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.Stage;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan as a JSON document, and back: its flow, position, stages (each stage and binding as they were planned,
 * so an edit of the flow does not change a plan in progress; an in-memory stage with its kind's state), which of
 * them were appended, its initial and current context (each value by its key's codec), and the final step of a
 * plan that has ended and not yet been shown. No Java serialization: every part is named and typed.
 */
final class StoredPlan {
    private static final int VERSION = 1;
    private final InMemoryStages kinds;

    StoredPlan(InMemoryStages kinds) {
        this.kinds = kinds;
    }

    byte[] encode(FlowPlans.Entry entry) {
        FlowPlan plan = entry.plan();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("v", VERSION);
        doc.put("flow", plan.flow().pk().toString());
        doc.put("index", plan.index());
        List<PlannedStage> stages = plan.stages();
        Map<PlannedStage, Integer> positions = new IdentityHashMap<>();
        List<Object> stored = new ArrayList<>();
        for (PlannedStage ps : stages) {
            positions.putIfAbsent(ps, stored.size());
            stored.add(stage(ps));
        }
        doc.put("stages", stored);
        List<Object> appended = new ArrayList<>();
        for (PlannedStage ps : plan.appended()) {
            Integer at = positions.get(ps);
            appended.add(at != null ? at : stage(ps));
        }
        doc.put("appended", appended);
        doc.put("initial", plan.initial().encode());
        doc.put("context", plan.context().encode());
        switch (entry.finished()) {
            case null -> {
            }
            case FlowExecutor.Step.Done done -> doc.put("finished", Map.of("done", done.redirect()));
            case FlowExecutor.Step.Denied denied -> doc.put("finished", Map.of("denied", denied.message()));
            case FlowExecutor.Step.Show show -> throw new IllegalArgumentException("a shown challenge is not final");
        }
        return ContextCodecs.MAPPER.writeValueAsBytes(doc);
    }

    /** The entry, or empty when the document is of another flow or one of its in-memory stages cannot be rebuilt. */
    @SuppressWarnings("unchecked")
    Optional<FlowPlans.Entry> decode(byte[] json, Flow flow, ContextRefs refs) {
        Map<String, Object> doc = Json.MAPPER.readValue(json, Map.class);
        if (number(doc.get("v")) != VERSION || !flow.pk().toString().equals(doc.get("flow"))) {
            return Optional.empty();
        }
        List<PlannedStage> stages = new ArrayList<>();
        for (Object s : (List<Object>) doc.get("stages")) {
            Optional<PlannedStage> ps = stage((Map<String, Object>) s, refs);
            if (ps.isEmpty()) {
                return Optional.empty();
            }
            stages.add(ps.get());
        }
        List<PlannedStage> appended = new ArrayList<>();
        for (Object a : (List<Object>) doc.get("appended")) {
            Optional<PlannedStage> ps = a instanceof Number n ? Optional.of(stages.get(n.intValue()))
                    : stage((Map<String, Object>) a, refs);
            if (ps.isEmpty()) {
                return Optional.empty();
            }
            appended.add(ps.get());
        }
        FlowPlan plan = new FlowPlan(flow, stages, appended,
                context(doc.get("initial"), refs), context(doc.get("context"), refs), number(doc.get("index")));
        FlowExecutor.Step finished = null;
        if (doc.get("finished") instanceof Map<?, ?> f) {
            finished = f.containsKey("done") ? new FlowExecutor.Step.Done((String) f.get("done"))
                    : new FlowExecutor.Step.Denied((String) f.get("denied"));
        }
        return Optional.of(new FlowPlans.Entry(plan, finished));
    }

    /** Context values read with whole numbers as {@code Long}, as the stages put them. */
    @SuppressWarnings("unchecked")
    private static FlowContext context(Object stored, ContextRefs refs) {
        return FlowContext.decode(ContextCodecs.MAPPER.convertValue(stored, Map.class), refs);
    }

    private Map<String, Object> stage(PlannedStage ps) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("binding", Json.MAPPER.convertValue(ps.binding(), Map.class));
        out.put("stage", Json.MAPPER.convertValue(ps.stage(), Map.class));
        if (ps.isInMemory()) {
            out.put("memory", kinds.save(ps));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Optional<PlannedStage> stage(Map<String, Object> stored, ContextRefs refs) {
        FlowStageBinding binding = Json.MAPPER.convertValue(stored.get("binding"), FlowStageBinding.class);
        Stage stage = Json.MAPPER.convertValue(stored.get("stage"), Stage.class);
        if (!(stored.get("memory") instanceof Map<?, ?> memory)) {
            return Optional.of(new PlannedStage(binding, stage));
        }
        return kinds.restore(stage.type(), (Map<String, Object>) memory, refs)
                .map(view -> new PlannedStage(binding, stage, view));
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : -1;
    }
}
