package dev.gatehouse.definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * One object type as every adapter sees it: its name ({@code user}), the name of its schemas ({@code User}),
 * its fields in form order, and how the fields a request gave become the typed value ({@code C}) the service
 * takes. The API reads requests and writes the OpenAPI request and response schemas from it; admin forms and
 * blueprints can be generated from the same fields (labels, help, references, choices, defaults).
 */
public final class Definition<C> {
    private final String type;
    private final String schemaName;
    private final List<Field<?>> fields;
    private final Function<Values, C> construct;

    private Definition(String type, String schemaName, List<Field<?>> fields, Function<Values, C> construct) {
        this.type = type;
        this.schemaName = schemaName;
        this.fields = List.copyOf(fields);
        this.construct = construct;
    }

    /** Starts a definition of {@code type}, whose OpenAPI schemas are {@code <schemaName>Request} and {@code <schemaName>View}. */
    public static Builder define(String type, String schemaName) {
        return new Builder(type, schemaName);
    }

    /** Collects a definition's fields in order. */
    public static final class Builder {
        private final String type;
        private final String schemaName;
        private final List<Field<?>> fields = new ArrayList<>();

        private Builder(String type, String schemaName) {
            this.type = type;
            this.schemaName = schemaName;
        }

        public Builder field(Field<?>... more) {
            fields.addAll(List.of(more));
            return this;
        }

        /** Every field of {@code other} (the fields every provider or stage shares). */
        public Builder fields(List<Field<?>> more) {
            fields.addAll(more);
            return this;
        }

        public <C> Definition<C> build(Function<Values, C> construct) {
            return new Definition<>(type, schemaName, fields, construct);
        }
    }

    /** The object type, as references name it: {@code user}, {@code flow}, {@code stage}. */
    public String type() {
        return type;
    }

    public String schemaName() {
        return schemaName;
    }

    public List<Field<?>> fields() {
        return fields;
    }

    /** The fields a request may write. */
    public List<Field<?>> writable() {
        return fields.stream().filter(f -> !f.isReadOnly()).toList();
    }

    /** The fields a response shows. */
    public List<Field<?>> readable() {
        return fields.stream().filter(f -> !f.isWriteOnly()).toList();
    }

    /** Every writable field's default (null where it has none), in order: a new object's starting values. */
    public Map<String, Object> defaults() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field<?> f : writable()) {
            out.put(f.name(), f.defaultValue());
        }
        return out;
    }

    /**
     * Reads a request body: each writable field's value into its kind; required fields must be given unless
     * {@code write} is a partial update. Problems go to {@code errors}, one per field; the typed value is built
     * from what could be read. The constraints are checked on the typed value ({@link #check(Object, FieldErrors)}),
     * where the service reports them together with its own checks.
     */
    public C read(JsonNode body, Write write, FieldErrors errors) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (Field<?> f : writable()) {
            JsonNode n = body.get(f.name());
            if ((n == null || n.isNull()) && f.isRequired() && write.requiresAll()) {
                errors.error(f.name(), "This field is required.");
                continue;
            }
            if (n == null) {
                continue;
            }
            if (n.isNull()) {
                given.put(f.name(), null);
                continue;
            }
            Object v = readKind(f, n, errors);
            if (v != null) {
                given.put(f.name(), v);
            }
        }
        return construct.apply(new Values(given, write));
    }

    private static <T> T readKind(Field<T> f, JsonNode n, FieldErrors errors) {
        boolean[] failed = {false};
        T v = f.kind().read(n, m -> {
            failed[0] = true;
            errors.error(f.name(), m);
        });
        return failed[0] ? null : v;
    }

    /**
     * Checks the constraints (choices, not blank, pattern, length, range) of every given field of a typed value
     * this definition builds: the record component named as the field in camel case ({@code is_active}:
     * {@code isActive()}); an Optional is checked when present.
     */
    public void check(C value, FieldErrors errors) {
        java.lang.reflect.RecordComponent[] components = value.getClass().getRecordComponents();
        if (components == null) {
            return;
        }
        for (Field<?> f : writable()) {
            String camel = camel(f.name());
            for (java.lang.reflect.RecordComponent rc : components) {
                if (rc.getName().equals(camel)) {
                    Object v = component(rc, value);
                    if (v instanceof java.util.Optional<?> o) {
                        v = o.orElse(null);
                    }
                    if (v != null) {
                        checkOne(f, v, errors);
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void checkOne(Field<T> f, Object v, FieldErrors errors) {
        f.check((T) v, m -> errors.error(f.name(), m));
    }

    private static Object component(java.lang.reflect.RecordComponent rc, Object value) {
        try {
            return rc.getAccessor().invoke(value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + rc.getName(), e);
        }
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }

    private static <T> T readOne(Field<T> f, JsonNode n, FieldErrors errors) {
        boolean[] failed = {false};
        T v = f.kind().read(n, m -> {
            failed[0] = true;
            errors.error(f.name(), m);
        });
        if (v != null) {
            f.check(v, m -> {
                failed[0] = true;
                errors.error(f.name(), m);
            });
        }
        return failed[0] ? null : v;
    }

    /**
     * Checks a complete stored configuration (defaults merged with what was given) field by field, references
     * included, reporting each problem on its field. Null is refused (with the kind's message) unless the field
     * is nullable.
     */
    public void check(Map<String, Object> config, References refs, FieldErrors errors) {
        for (Field<?> f : writable()) {
            Object raw = config.get(f.name());
            if (raw == null && f.isNullable()) {
                continue;
            }
            Object v = readOne(f, Kind.tree(raw), errors);
            if (v != null && f.reference() != null && refs != null) {
                for (Object pk : v instanceof List<?> l ? l : List.of(v)) {
                    if (!refs.exists(f.reference(), pk)) {
                        errors.error(f.name(), "Invalid pk \"" + pk + "\" - object does not exist.");
                        break;
                    }
                }
            }
        }
    }

    /** The typed value of a stored configuration that {@link #check} accepted. */
    public C typed(Map<String, Object> config) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (Field<?> f : writable()) {
            Object raw = config.get(f.name());
            if (raw != null) {
                given.put(f.name(), readOne(f, Kind.tree(raw), (k, m) -> { }));
            } else if (config.containsKey(f.name())) {
                given.put(f.name(), null);
            }
        }
        return construct.apply(new Values(given, null));
    }
}
