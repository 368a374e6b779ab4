package dev.gatehouse.core;

import dev.gatehouse.core.errors.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Collects field errors and throws them together as a {@link ValidationException}. */
public final class Validation {
    public static final Pattern SLUG = Pattern.compile("[-a-zA-Z0-9_]+");
    public static final String SLUG_MESSAGE =
            "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public Validation error(String field, String message) {
        errors.putIfAbsent(field, List.of(message));
        return this;
    }

    public Validation check(boolean ok, String field, String message) {
        return ok ? this : error(field, message);
    }

    public Validation maxLength(String value, int max, String field) {
        return check(value == null || value.length() <= max, field,
                "Ensure this field has no more than " + max + " characters.");
    }

    public Validation slug(String value, String field) {
        return check(value == null || SLUG.matcher(value).matches(), field, SLUG_MESSAGE);
    }

    public Validation email(String value, String field) {
        return check(value == null || value.isEmpty() || EMAIL.matcher(value).matches(), field,
                "Enter a valid email address.");
    }

    public Validation notBlank(String value, String field) {
        return check(value == null || !value.isBlank(), field, "This field may not be blank.");
    }

    /** A value that, when given, must be one of {@code allowed} (DRF's ChoiceField message). */
    public Validation choice(String value, java.util.Collection<String> allowed, String field) {
        return check(value == null || allowed.contains(value), field, "\"" + value + "\" is not a valid choice.");
    }

    /** A value that, when given, must be the wire value of one of {@code type}'s constants; the refusal lists them. */
    public <E extends Enum<E> & dev.gatehouse.definition.Choice> Validation choice(String value, Class<E> type,
                                                                                  String field) {
        return check(value == null || dev.gatehouse.definition.Kind.byWire(type, value) != null, field,
                dev.gatehouse.definition.Kind.notAChoice(value, dev.gatehouse.definition.Choice.wires(type)));
    }

    /** A field that must be given when creating. */
    public Validation required(Object value, String field) {
        return check(value != null, field, "This field is required.");
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
