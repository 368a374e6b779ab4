package dev.gatehouse.flow.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The plan's context: values by typed key; kept server-side with the plan, never sent to the client. */
public final class FlowContext {
    private final Map<String, Object> values = new LinkedHashMap<>();
    /** Names of the values put under a {@linkplain ContextKey#secret secret} key. */
    private final java.util.Set<String> secrets = new java.util.HashSet<>();

    public <T> Optional<T> get(ContextKey<T> key) {
        return Optional.ofNullable(values.get(key.name())).map(key.type()::cast);
    }

    public <T> void put(ContextKey<T> key, T value) {
        if (value == null) {
            remove(key);
        } else {
            values.put(key.name(), key.type().cast(value));
            if (key.secret()) {
                secrets.add(key.name());
            } else {
                secrets.remove(key.name());
            }
        }
    }

    public void remove(ContextKey<?> key) {
        values.remove(key.name());
        secrets.remove(key.name());
    }

    /** A copy as plain names and values (policy requests see the context under these names), secrets left out. */
    public Map<String, Object> asMap() {
        Map<String, Object> out = new LinkedHashMap<>(values);
        out.keySet().removeAll(secrets);
        return Map.copyOf(out);
    }

    public FlowContext copy() {
        FlowContext c = new FlowContext();
        c.values.putAll(values);
        c.secrets.addAll(secrets);
        return c;
    }
}
