package dev.gatehouse.flow.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The plan's context: values by typed key; kept server-side with the plan, never sent to the client. */
public final class FlowContext {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public <T> Optional<T> get(ContextKey<T> key) {
        return Optional.ofNullable(values.get(key.name())).map(key.type()::cast);
    }

    public <T> void put(ContextKey<T> key, T value) {
        if (value == null) {
            values.remove(key.name());
        } else {
            values.put(key.name(), key.type().cast(value));
        }
    }

    public void remove(ContextKey<?> key) {
        values.remove(key.name());
    }

    /** A copy as plain names and values (policy requests see the context under these names). */
    public Map<String, Object> asMap() {
        return Map.copyOf(values);
    }

    public FlowContext copy() {
        FlowContext c = new FlowContext();
        c.values.putAll(values);
        return c;
    }
}
