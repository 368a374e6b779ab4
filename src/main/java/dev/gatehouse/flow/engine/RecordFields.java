package dev.gatehouse.flow.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The wire form of challenge and response records: each record component is a JSON field named in snake_case
 * ({@code pendingUser} is {@code pending_user}), in declaration order.
 */
public final class RecordFields {

    private RecordFields() {
    }

    /** The record's non-null components as field name → value. */
    public static Map<String, Object> of(Record record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            Object value = value(c, record);
            if (value != null) {
                fields.put(name(c), value);
            }
        }
        return fields;
    }

    /**
     * A response record read from a JSON body or an HTML form: a {@code String} component takes only a string, a
     * {@code Boolean} one {@code true}, {@code "true"} or {@code "on"} as true, a {@code Map} one only an object;
     * an {@code Object} component takes the value as sent. A field that is absent or of another kind reads as null
     * (false for {@code Boolean}). A {@link FreeForm} record takes the whole answer in its one component.
     */
    public static <R extends Record> R read(Class<R> type, Map<String, Object> answer) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean freeForm = type.isAnnotationPresent(FreeForm.class);
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = freeForm ? answer : convert(types[i], answer.get(name(components[i])));
        }
        try {
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + type.getName(), e);
        }
    }

    /** The JSON name of a record component. */
    public static String name(RecordComponent c) {
        WireName named = c.getAnnotation(WireName.class);
        if (named != null) {
            return named.value();
        }
        StringBuilder out = new StringBuilder();
        for (char ch : c.getName().toCharArray()) {
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static Object convert(Class<?> type, Object raw) {
        if (type == String.class) {
            return raw instanceof String s ? s : null;
        }
        if (type == Boolean.class || type == boolean.class) {
            return Boolean.TRUE.equals(raw) || "true".equals(raw) || "on".equals(raw);
        }
        if (type == Map.class) {
            return raw instanceof Map<?, ?> ? raw : null;
        }
        return raw;
    }

    private static Object value(RecordComponent c, Record record) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c, e);
        }
    }
}
