package dev.gatehouse.flow.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plan's context: values by typed key; kept server-side with the plan, never sent to the client. Each value
 * keeps its key's {@link ContextCodec}, so the context can be {@linkplain #encode stored} and read back.
 */
public final class FlowContext {
    private final Map<String, Object> values = new LinkedHashMap<>();
    /** The codec of each value, by name. */
    private final Map<String, ContextCodec<?>> codecs = new LinkedHashMap<>();
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
            codecs.put(key.name(), key.codec());
            if (key.secret()) {
                secrets.add(key.name());
            } else {
                secrets.remove(key.name());
            }
        }
    }

    public void remove(ContextKey<?> key) {
        values.remove(key.name());
        codecs.remove(key.name());
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
        c.codecs.putAll(codecs);
        c.secrets.addAll(secrets);
        return c;
    }

    /** The stored form: for each value its codec's tag, its encoded form, and whether it is secret. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Map<String, Object> encode() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            ContextCodec codec = codecs.get(name);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("c", codec.tag());
            entry.put("v", codec.encode(value));
            if (secrets.contains(name)) {
                entry.put("s", true);
            }
            out.put(name, entry);
        });
        return out;
    }

    /** A context read back from {@link #encode}; a value whose codec is unknown or whose object is gone is left out. */
    static FlowContext decode(Map<String, Object> stored, ContextRefs refs) {
        FlowContext c = new FlowContext();
        stored.forEach((name, raw) -> {
            if (!(raw instanceof Map<?, ?> entry) || !(entry.get("c") instanceof String tag)) {
                return;
            }
            Optional<ContextCodec<?>> codec = ContextCodecs.byTag(tag);
            Object value = codec.isEmpty() || entry.get("v") == null ? null : codec.get().decode(entry.get("v"), refs);
            if (value != null) {
                c.values.put(name, value);
                c.codecs.put(name, codec.get());
                if (Boolean.TRUE.equals(entry.get("s"))) {
                    c.secrets.add(name);
                }
            }
        });
        return c;
    }
}
