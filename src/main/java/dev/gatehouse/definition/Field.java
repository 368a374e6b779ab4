package dev.gatehouse.definition;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One field of an object type: its JSON name, value {@link Kind}, whether a create must give it, its default,
 * its constraints (not blank, maximum length, pattern, range), the object type it references, whether it is
 * only shown (read-only) or only written (write-only), and the label and help text a form shows. Fields are
 * shaped once, when their definition is declared, with the fluent methods below.
 */
public final class Field<T> {
    private final String name;
    private final Kind<T> kind;
    private boolean required;
    private boolean nullable;
    private boolean readOnly;
    private boolean writeOnly;
    private boolean notBlank;
    private T defaultValue;
    private Integer maxLength;
    private Long min;
    private Long max;
    private Pattern pattern;
    private String patternMessage;
    private Reference reference;
    private java.util.function.Function<T, String> problem;
    private String label;
    private String help = "";

    private Field(String name, Kind<T> kind) {
        this.name = name;
        this.kind = kind;
        this.label = labelOf(name);
    }

    public static <T> Field<T> of(String name, Kind<T> kind) {
        return new Field<>(name, kind);
    }

    public static Field<String> string(String name) {
        return of(name, Kind.STRING);
    }

    public static Field<Boolean> bool(String name) {
        return of(name, Kind.BOOLEAN);
    }

    public static Field<Integer> int32(String name) {
        return of(name, Kind.INT32);
    }

    public static Field<Long> integer(String name) {
        return of(name, Kind.INTEGER);
    }

    public static Field<java.util.Map<String, Object>> object(String name) {
        return of(name, Kind.OBJECT);
    }

    /** One of an enum's constants, refused when the request is read. */
    public static <E extends Enum<E> & Choice> Field<E> constant(String name, Class<E> type) {
        return of(name, Kind.constant(type));
    }

    /** One of an enum's wire values (the typed value holds the wire value; {@link Kind#byWire} gives the constant). */
    public static <E extends Enum<E> & Choice> Field<String> choice(String name, Class<E> type) {
        return of(name, Kind.choice(type));
    }

    /** A reference by UUID to one object of {@code type}. */
    public static Field<UUID> ref(String name, String type) {
        return of(name, Kind.UUID_PK).references(Reference.to(type, UUID.class));
    }

    /** A reference by integer pk to one object of {@code type}. */
    public static Field<Long> intRef(String name, String type) {
        return of(name, Kind.INTEGER).references(Reference.to(type, Long.class));
    }

    /** A list of references by UUID to objects of {@code type}. */
    public static Field<List<UUID>> refs(String name, String type) {
        return of(name, Kind.listOf(Kind.UUID_PK)).references(Reference.to(type, UUID.class));
    }

    /** A list of references by integer pk to objects of {@code type}. */
    public static Field<List<Long>> intRefs(String name, String type) {
        return of(name, Kind.listOf(Kind.INTEGER)).references(Reference.to(type, Long.class));
    }

    /** A field shown in responses and never read from requests. */
    public static <T> Field<T> shown(String name, Kind<T> kind) {
        return of(name, kind).readOnly();
    }

    public Field<T> required() {
        required = true;
        return this;
    }

    /** JSON null is a value of its own (clears a reference) rather than "not given". */
    public Field<T> nullable() {
        nullable = true;
        return this;
    }

    public Field<T> readOnly() {
        readOnly = true;
        return this;
    }

    public Field<T> writeOnly() {
        writeOnly = true;
        return this;
    }

    public Field<T> notBlank() {
        notBlank = true;
        return this;
    }

    public Field<T> byDefault(T value) {
        defaultValue = value;
        return this;
    }

    /** The default of a choice field, given as its constant. */
    @SuppressWarnings("unchecked")
    public Field<T> byDefault(Choice value) {
        defaultValue = (T) value.wire();
        return this;
    }

    public Field<T> maxLength(int n) {
        maxLength = n;
        return this;
    }

    public Field<T> min(long n) {
        min = n;
        return this;
    }

    public Field<T> max(long n) {
        max = n;
        return this;
    }

    public Field<T> pattern(Pattern p, String message) {
        pattern = p;
        patternMessage = message;
        return this;
    }

    /** A further constraint: {@code problem} gives the message for a value it refuses, or null. */
    public Field<T> problem(java.util.function.Function<T, String> problem) {
        this.problem = problem;
        return this;
    }

    /** One of a fixed list of strings. */
    public static Field<String> oneOf(String name, List<String> allowed) {
        return of(name, Kind.oneOf(allowed));
    }

    /** A list whose items are each one of {@code allowed}. */
    public static Field<List<String>> subsetOf(String name, List<String> allowed) {
        return of(name, Kind.listOf(Kind.oneOf(allowed)));
    }

    public Field<T> references(Reference r) {
        reference = r;
        return this;
    }

    /** A reference to a stage or policy of one subtype ({@code password}). */
    public Field<T> ofSubtype(String subtype) {
        reference = new Reference(reference.type(), reference.pkType(), subtype);
        return this;
    }

    public Field<T> label(String text) {
        label = text;
        return this;
    }

    public Field<T> help(String text) {
        help = text;
        return this;
    }

    /** Checks a read value against the constraints; the first problem is reported. */
    void check(T value, java.util.function.Consumer<String> error) {
        String custom = problem == null ? null : problem.apply(value);
        if (value instanceof List<?> list && kind.items() != null && !kind.items().choices().isEmpty()) {
            for (Object item : list) {
                if (!kind.items().choices().contains(item)) {
                    error.accept(Kind.notAChoice(item, kind.items().choices()));
                    return;
                }
            }
        }
        if (value instanceof String s) {
            if (!kind.choices().isEmpty() && !kind.choices().contains(s)) {
                error.accept(Kind.notAChoice(s, kind.choices()));
            } else if (notBlank && s.isBlank()) {
                error.accept("This field may not be blank.");
            } else if (pattern != null && !pattern.matcher(s).matches()) {
                error.accept(patternMessage);
            } else if (maxLength != null && s.length() > maxLength) {
                error.accept("Ensure this field has no more than " + maxLength + " characters.");
            }
        } else if (value instanceof Number n) {
            if (min != null && n.longValue() < min) {
                error.accept("Ensure this value is greater than or equal to " + min + ".");
            } else if (max != null && n.longValue() > max) {
                error.accept("Ensure this value is less than or equal to " + max + ".");
            }
        }
        if (custom != null) {
            error.accept(custom);
        }
    }

    private static String labelOf(String name) {
        String words = name.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public String name() {
        return name;
    }

    public Kind<T> kind() {
        return kind;
    }

    public boolean isRequired() {
        return required;
    }

    public boolean isNullable() {
        return nullable;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public boolean isWriteOnly() {
        return writeOnly;
    }

    public boolean isNotBlank() {
        return notBlank;
    }

    /** The value a new object gets when the field is not given, or null. */
    public T defaultValue() {
        return defaultValue;
    }

    public Integer maxLength() {
        return maxLength;
    }

    public Long min() {
        return min;
    }

    public Long max() {
        return max;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** The object type this field names, or null. */
    public Reference reference() {
        return reference;
    }

    public String label() {
        return label;
    }

    public String help() {
        return help;
    }
}
