package dev.gatehouse.definition;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The type of a field's value: how a JSON value is read into it (with DRF's message when it cannot be), and
 * its OpenAPI type, format and choices. A kind read as a list item may report differently than the same kind
 * read alone, as DRF does ({@code "Must be a valid UUID."} inside a list).
 */
public final class Kind<T> {
    /** Reads a present, non-null JSON value; reports and returns null when it is not acceptable. */
    @FunctionalInterface
    interface Reader<T> {
        T read(JsonNode node, Consumer<String> error);
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String DATETIME = "Datetime has wrong format. Use ISO 8601, e.g. 2026-01-01T00:00:00Z.";

    public static final Kind<String> STRING = new Kind<>("string", null, null, List.of(),
            (n, e) -> n.isString() ? n.asString() : fail(e, "Not a valid string."), null);
    public static final Kind<Boolean> BOOLEAN = new Kind<>("boolean", null, null, List.of(),
            (n, e) -> n.isBoolean() ? n.booleanValue() : fail(e, "Must be a valid boolean."), null);
    public static final Kind<Long> INTEGER = new Kind<>("integer", "int64", null, List.of(),
            (n, e) -> n.isIntegralNumber() && n.canConvertToLong() ? n.longValue() : fail(e, "A valid integer is required."),
            (n, e) -> n.isIntegralNumber() ? n.longValue() : fail(e, "Incorrect type. Expected pk value, received "
                    + n.getNodeType().name().toLowerCase(Locale.ROOT) + "."));
    public static final Kind<Integer> INT32 = new Kind<>("integer", "int32", null, List.of(), (n, e) -> {
        Long v = INTEGER.read(n, e);
        if (v != null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            return fail(e, "Ensure this value is less than or equal to " + Integer.MAX_VALUE + ".");
        }
        return v == null ? null : v.intValue();
    }, null);
    public static final Kind<UUID> UUID_PK = new Kind<>("string", "uuid", null, List.of(),
            (n, e) -> n.isString() ? uuid(n.asString(), e) : fail(e, "Not a valid string."),
            (n, e) -> n.isString() ? uuid(n.asString(), e) : fail(e, "Must be a valid UUID."));
    public static final Kind<Map<String, Object>> OBJECT = new Kind<>("object", null, null, List.of(),
            (n, e) -> n.isObject() ? MAPPER.convertValue(n, MAP) : fail(e, "Expected a dictionary of items."),
            (n, e) -> n.isObject() ? MAPPER.convertValue(n, MAP) : fail(e, "Expected a list of dictionaries."));
    public static final Kind<Instant> DATE_TIME = new Kind<>("string", "date-time", null, List.of(), (n, e) -> {
        if (!n.isString()) {
            return fail(e, DATETIME);
        }
        try {
            return OffsetDateTime.parse(n.asString()).toInstant();
        } catch (DateTimeParseException x) {
            return fail(e, DATETIME);
        }
    }, null);
    /** Any JSON value, as plain Java values (for free-form config such as a list of prompt definitions' items). */
    public static final Kind<Object> ANY = new Kind<>(null, null, null, List.of(),
            (n, e) -> MAPPER.convertValue(n, Object.class), null);

    private final String type;
    private final String format;
    private final Kind<?> items;
    private final List<String> choices;
    private final Reader<T> reader;
    private final Reader<T> itemReader;

    private Kind(String type, String format, Kind<?> items, List<String> choices, Reader<T> reader, Reader<T> itemReader) {
        this.type = type;
        this.format = format;
        this.items = items;
        this.choices = choices;
        this.reader = reader;
        this.itemReader = itemReader == null ? reader : itemReader;
    }

    /** A list of {@code item}s; the first item that cannot be read stops the list (its message stands). */
    public static <E> Kind<List<E>> listOf(Kind<E> item) {
        return new Kind<>("array", null, item, List.of(), (n, e) -> {
            if (!n.isArray()) {
                return fail(e, "Expected a list of items.");
            }
            List<E> out = new ArrayList<>();
            for (JsonNode element : n) {
                E value = item.itemReader.read(element, e);
                if (value == null) {
                    return null;
                }
                out.add(value);
            }
            return out;
        }, null);
    }

    /**
     * A wire value of one of an enum's constants, read as a string; whether it is one of them is a constraint
     * ({@link Field}), so a refusal is reported together with the object's other problems and lists the allowed
     * values.
     */
    public static <E extends Enum<E> & Choice> Kind<String> choice(Class<E> type) {
        return new Kind<>("string", null, null, Choice.wires(type), STRING.reader, null);
    }

    /** One of a fixed list of strings (a choice too small or too local for an enum of its own). */
    public static Kind<String> oneOf(List<String> allowed) {
        return new Kind<>("string", null, null, List.copyOf(allowed), STRING.reader, null);
    }

    /**
     * One of an enum's constants, by its wire value, refused at once (with the allowed values) when it is none:
     * for typed values that hold the constant itself.
     */
    public static <E extends Enum<E> & Choice> Kind<E> constant(Class<E> type) {
        List<String> wire = Choice.wires(type);
        return new Kind<>("string", null, null, wire, (n, e) -> {
            String s = STRING.read(n, e);
            if (s == null) {
                return null;
            }
            E c = byWire(type, s);
            return c != null ? c : fail(e, notAChoice(s, wire));
        }, null);
    }

    /**
     * A value read as {@code base} and then converted; a conversion that gives null refuses the value with
     * {@code message}. The OpenAPI description is {@code base}'s.
     */
    public static <A, T> Kind<T> mapped(Kind<A> base, java.util.function.Function<A, T> convert, String message) {
        return new Kind<>(base.type, base.format, base.items, base.choices,
                (n, e) -> then(base.reader.read(n, e), convert, message, e),
                (n, e) -> then(base.itemReader.read(n, e), convert, message, e));
    }

    private static <A, T> T then(A value, java.util.function.Function<A, T> convert, String message, Consumer<String> e) {
        if (value == null) {
            return null;
        }
        T out = convert.apply(value);
        return out != null ? out : fail(e, message);
    }

    /** DRF's choice message followed by what is allowed. */
    public static String notAChoice(Object value, List<String> allowed) {
        return "\"" + value + "\" is not a valid choice. Allowed: " + String.join(", ", allowed) + ".";
    }

    /** The constant of {@code type} whose wire value is {@code wire}, or null. */
    public static <E extends Enum<E> & Choice> E byWire(Class<E> type, String wire) {
        for (E c : type.getEnumConstants()) {
            if (c.wire().equals(wire)) {
                return c;
            }
        }
        return null;
    }

    /** Reads a JSON value that is present (JSON null included: it is refused with the kind's message). */
    T read(JsonNode node, Consumer<String> error) {
        return reader.read(node, error);
    }

    /** The OpenAPI type ({@code string}, {@code integer}, {@code boolean}, {@code object}, {@code array}), or null for any. */
    public String type() {
        return type;
    }

    /** The OpenAPI format ({@code uuid}, {@code date-time}, {@code int64}), or null. */
    public String format() {
        return format;
    }

    /** The item kind of a list, else null. */
    public Kind<?> items() {
        return items;
    }

    /** The wire values an enum kind accepts; empty for other kinds. */
    public List<String> choices() {
        return choices;
    }

    private static <T> T fail(Consumer<String> error, String message) {
        error.accept(message);
        return null;
    }

    private static UUID uuid(String s, Consumer<String> error) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException x) {
            return fail(error, "\"" + s + "\" is not a valid UUID.");
        }
    }

    static JsonNode tree(Object value) {
        return value == null ? tools.jackson.databind.node.NullNode.getInstance() : MAPPER.valueToTree(value);
    }
}
