package dev.gatehouse.flow.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds of {@linkplain PlannedStage#inMemory in-memory} stages a stored plan can hold, by name (the type the
 * stage was created with): each kind saves the state its view carries (the request it finishes, what it has
 * issued) and rebuilds the view from it when the plan is loaded, on this node or another. A stage type's own
 * view used in memory (the OAuth2 provider's in-memory consent) carries no state and needs no kind.
 */
public final class InMemoryStages {

    /** One kind of in-memory stage: its name, and how its views' state is saved and read back. */
    public interface Kind {
        String name();

        /** The view's state as JSON-able values (text, numbers, booleans, lists and maps of them). */
        Map<String, Object> save(StageView<?> view);

        /** A view with that state; empty when it cannot be rebuilt any more (what it refers to is gone). */
        Optional<StageView<?>> restore(Map<String, Object> state, ContextRefs refs);
    }

    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    public InMemoryStages register(Kind kind) {
        if (kinds.putIfAbsent(kind.name(), kind) != null) {
            throw new IllegalStateException("in-memory stage kind " + kind.name() + " is registered twice");
        }
        return this;
    }

    /** The stored state of an in-memory stage; {@link IllegalStateException} when its kind is not registered. */
    Map<String, Object> save(PlannedStage stage) {
        Kind kind = kinds.get(stage.stage().type());
        if (kind != null) {
            return kind.save(stage.view());
        }
        if (stage.view() == typeView(stage.stage().type())) {
            return Map.of();
        }
        throw new IllegalStateException("the in-memory stage kind " + stage.stage().type() + " cannot be stored");
    }

    Optional<StageView<?>> restore(String type, Map<String, Object> state, ContextRefs refs) {
        Kind kind = kinds.get(type);
        return kind != null ? kind.restore(state, refs) : Optional.ofNullable(typeView(type));
    }

    private static StageView<?> typeView(String type) {
        return StageTypes.byName(type).map(StageType::view).orElse(null);
    }
}
