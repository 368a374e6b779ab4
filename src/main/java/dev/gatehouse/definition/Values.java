package dev.gatehouse.definition;

import java.util.Map;
import java.util.Optional;

/**
 * The fields a request gave, read into their kinds: what a definition's constructor turns into its typed
 * value. A field not given, or given a value that was refused, reads as null.
 */
public final class Values {
    private final Map<String, Object> given;
    private final Write write;

    Values(Map<String, Object> given, Write write) {
        this.given = given;
        this.write = write;
    }

    /** How the request writes the object; null for a stored configuration. */
    public Write write() {
        return write;
    }

    /** The value, or null when not given (or given as JSON null). */
    @SuppressWarnings("unchecked")
    public <T> T get(Field<T> field) {
        return (T) given.get(field.name());
    }

    /** The value, or {@code fallback} when not given. */
    public <T> T get(Field<T> field, T fallback) {
        T v = get(field);
        return v == null ? fallback : v;
    }

    /** The value, or the field's declared default when not given. */
    public <T> T value(Field<T> field) {
        return get(field, field.defaultValue());
    }

    public boolean has(Field<?> field) {
        return given.containsKey(field.name());
    }

    /** For a nullable field: null when not given, empty when given as JSON null, else the value. */
    public <T> Optional<T> optional(Field<T> field) {
        return has(field) ? Optional.ofNullable(get(field)) : null;
    }
}
