package dev.gatehouse.api;

import dev.gatehouse.core.Json;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Write;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * A JSON request body read field by field. Wrong types and missing required fields are collected and
 * reported together by {@link #finish()} as {@code {field: ["message"]}}, the way DRF serializers do.
 */
public final class Body {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private final JsonNode root;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private Body(JsonNode root) {
        this.root = root;
    }

    /** Parses the body; malformed JSON or a non-object is a 400 at once. */
    public static Body parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return new Body(Json.MAPPER.createObjectNode());
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            throw ValidationException.of("non_field_errors", "JSON parse error: " + firstLine(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw ValidationException.of("non_field_errors", "Invalid data. Expected a dictionary.");
        }
        return new Body(node);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public boolean has(String field) {
        return root.has(field);
    }

    public boolean isNull(String field) {
        return root.has(field) && root.get(field).isNull();
    }

    private void error(String field, String message) {
        errors.putIfAbsent(field, List.of(message));
    }

    public Body require(String... fields) {
        for (String f : fields) {
            if (!root.has(f) || root.get(f).isNull()) {
                error(f, "This field is required.");
            }
        }
        return this;
    }

    /**
     * The one shape every reader shares: absent or JSON null reads as null; a value of the wrong kind is
     * a field error (and null); otherwise the converted value.
     */
    private <T> T read(String field, Predicate<JsonNode> accepts, String message, Function<JsonNode, T> convert) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!accepts.test(n)) {
            error(field, message);
            return null;
        }
        return convert.apply(n);
    }

    public String string(String field) {
        return read(field, JsonNode::isString, "Not a valid string.", JsonNode::asString);
    }

    public Boolean bool(String field) {
        return read(field, JsonNode::isBoolean, "Must be a valid boolean.", JsonNode::booleanValue);
    }

    public Long integer(String field) {
        return read(field, n -> n.isIntegralNumber() && n.canConvertToLong(), "A valid integer is required.",
                JsonNode::longValue);
    }

    public Map<String, Object> object(String field) {
        return read(field, JsonNode::isObject, "Expected a dictionary of items.", n -> Json.MAPPER.convertValue(n, MAP));
    }

    /** A list whose items each pass {@code item} (null stops the list: the item recorded its error). */
    private <T> List<T> list(String field, Function<JsonNode, T> item) {
        JsonNode n = read(field, JsonNode::isArray, "Expected a list of items.", x -> x);
        if (n == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (JsonNode element : n) {
            T value = item.apply(element);
            if (value == null) {
                return null;
            }
            out.add(value);
        }
        return out;
    }

    /** A list of JSON objects, each as a map. */
    public List<Map<String, Object>> objects(String field) {
        return list(field, item -> {
            if (!item.isObject()) {
                error(field, "Expected a list of dictionaries.");
                return null;
            }
            return Json.MAPPER.convertValue(item, MAP);
        });
    }

    public List<UUID> uuids(String field) {
        return list(field, item -> {
            if (!item.isString()) {
                error(field, "Must be a valid UUID.");
                return null;
            }
            try {
                return UUID.fromString(item.asString());
            } catch (IllegalArgumentException e) {
                error(field, "\"" + item.asString() + "\" is not a valid UUID.");
                return null;
            }
        });
    }

    public List<Long> integers(String field) {
        return list(field, item -> {
            if (!item.isIntegralNumber()) {
                error(field, "Incorrect type. Expected pk value, received "
                        + item.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
                return null;
            }
            return item.longValue();
        });
    }

    /** A nullable date-time: absent = null, JSON null = {@code Optional.empty()}. */
    public Optional<Instant> instant(String field) {
        JsonNode n = root.get(field);
        if (n == null) {
            return null;
        }
        if (n.isNull()) {
            return Optional.empty();
        }
        if (!n.isString()) {
            error(field, "Datetime has wrong format. Use ISO 8601, e.g. 2026-01-01T00:00:00Z.");
            return null;
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(n.asString()).toInstant());
        } catch (DateTimeParseException e) {
            error(field, "Datetime has wrong format. Use ISO 8601, e.g. 2026-01-01T00:00:00Z.");
            return null;
        }
    }

    /** A nullable foreign key: absent = null, JSON null = {@code Optional.empty()}. */
    public Optional<Long> optionalInteger(String field) {
        if (!root.has(field)) {
            return null;
        }
        if (root.get(field).isNull()) {
            return Optional.empty();
        }
        Long v = integer(field);
        return v == null ? null : Optional.of(v);
    }

    /** An int: like {@link #integer} but out-of-range values are an error. */
    public Integer int32(String field) {
        Long v = integer(field);
        if (v != null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            error(field, "Ensure this value is less than or equal to " + Integer.MAX_VALUE + ".");
            return null;
        }
        return v == null ? null : v.intValue();
    }

    public UUID uuid(String field) {
        String s = string(field);
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            error(field, "\"" + s + "\" is not a valid UUID.");
            return null;
        }
    }

    /** A nullable UUID foreign key: absent = null, JSON null = {@code Optional.empty()}. */
    public Optional<UUID> optionalUuid(String field) {
        if (!root.has(field)) {
            return null;
        }
        if (root.get(field).isNull()) {
            return Optional.empty();
        }
        UUID v = uuid(field);
        return v == null ? null : Optional.of(v);
    }

    /** The whole body as plain Java values (a challenge response: the stage reads its own fields). */
    public Map<String, Object> asMap() {
        return Json.MAPPER.convertValue(root, MAP);
    }

    /** The fields among {@code names} that the body has, as plain Java values (JSON null stays null). */
    public Map<String, Object> values(java.util.Collection<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : names) {
            if (root.has(n)) {
                out.put(n, Json.MAPPER.convertValue(root.get(n), Object.class));
            }
        }
        return out;
    }

    /** Adds an error for a field whose value was read but is not acceptable. */
    public Body invalid(String field, String message) {
        error(field, message);
        return this;
    }

    /**
     * Reads the object {@code definition} describes (its fields' types, requirements and constraints) and
     * throws every field error together, so the typed value returned is complete.
     */
    public <C> C read(Definition<C> definition, Write write) {
        C value = definition.read(root, write, this::error);
        finish();
        return value;
    }

    /** Throws the collected errors, if any. */
    public void finish() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
