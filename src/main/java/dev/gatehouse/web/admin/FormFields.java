package dev.gatehouse.web.admin;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.definition.Kind;
import dev.gatehouse.definition.Reference;
import dev.gatehouse.web.FormData;
import dev.gatehouse.web.admin.FormField.Input;
import dev.gatehouse.web.admin.FormField.Option;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Turns an object type's declaration into form inputs, and a posted form back into the API request body the
 * declaration describes. Only how a value is typed is decided here; whether it is acceptable is the API's answer.
 */
public final class FormFields {
    private static final YAMLMapper YAML = Values.YAML;
    private static final Set<String> CODE_NAMES = Set.of("expression", "template");

    /** Up to this many choices of a list field are checkboxes; more are a multiple-choice list box. */
    static final int MAX_CHECKBOXES = 12;

    private FormFields() {
    }

    /** How a declared field is entered. */
    static Input input(Field<?> f) {
        Kind<?> k = f.kind();
        String type = k.type();
        if (f.reference() != null) {
            return k.items() != null ? Input.MULTI_SELECT : Input.SELECT;
        }
        if (k.items() != null) {
            Kind<?> item = k.items();
            if (!item.choices().isEmpty()) {
                // a long list (countries) is a list box: a page of checkboxes would bury the rest of the form
                return item.choices().size() > MAX_CHECKBOXES ? Input.MULTI_SELECT : Input.CHECKBOXES;
            }
            return "string".equals(item.type()) && item.format() == null ? Input.LINES : Input.YAML;
        }
        if (!k.choices().isEmpty()) {
            return Input.SELECT;
        }
        if ("boolean".equals(type)) {
            return Input.CHECKBOX;
        }
        if ("integer".equals(type)) {
            return Input.NUMBER;
        }
        if ("date-time".equals(k.format())) {
            return Input.DATETIME;
        }
        if ("string".equals(type)) {
            if (CODE_NAMES.contains(f.name()) || f.name().endsWith("_expression")) {
                return Input.CODE;
            }
            if (f.isWriteOnly()) {
                return Input.PASSWORD;
            }
            return f.maxLength() == null && f.name().contains("description") ? Input.TEXTAREA : Input.TEXT;
        }
        return Input.YAML;
    }

    /** A wire value as words: {@code service_account} → {@code Service account}. */
    static String words(String wire) {
        String w = wire.replace('_', ' ');
        return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
    }

    /** A field's label: the declared one, else its name in words ({@code authorization_flow} → {@code Authorization flow}). */
    public static String label(Field<?> f) {
        if (f.label() != null) {
            return f.label();
        }
        return words(f.name());
    }

    /**
     * The inputs of {@code definition}'s writable fields showing {@code values} (an object's view, or the
     * declared defaults for a new one), with {@code options} for the references.
     */
    public static List<FormField> of(Definition<?> definition, Map<String, Object> values,
                                     java.util.function.Function<Reference, List<Option>> options,
                                     Map<String, List<String>> errors) {
        java.util.function.BiFunction<Reference, Set<String>, List<Option>> ignoringCurrent =
                (reference, keep) -> options.apply(reference);
        return of(definition, values, ignoringCurrent, errors);
    }

    /** As above, with pickers that keep what the object names now ({@link Pickers#options(Reference, Set)}). */
    public static List<FormField> of(Definition<?> definition, Map<String, Object> values, Pickers pickers,
                                     Map<String, List<String>> errors) {
        java.util.function.BiFunction<Reference, Set<String>, List<Option>> keeping = pickers::options;
        return of(definition, values, keeping, errors);
    }

    private static List<FormField> of(Definition<?> definition, Map<String, Object> values,
                                      java.util.function.BiFunction<Reference, Set<String>, List<Option>> options,
                                      Map<String, List<String>> errors) {
        List<FormField> out = new ArrayList<>();
        for (Field<?> f : definition.writable()) {
            Input input = input(f);
            Object v = values.get(f.name());
            if (v instanceof dev.gatehouse.definition.Choice c) {
                v = c.wire();
            }
            List<Option> choices = switch (input) {
                case SELECT, MULTI_SELECT -> f.reference() != null ? options.apply(f.reference(), selected(v))
                        : (f.kind().items() != null ? f.kind().items().choices() : f.kind().choices()).stream()
                                .map(c -> new Option(c, words(c))).toList();
                case CHECKBOXES -> f.kind().items().choices().stream().map(c -> new Option(c, words(c))).toList();
                default -> List.of();
            };
            boolean writeOnly = f.isWriteOnly();
            out.add(new FormField(f.name(), label(f), f.help(), input, f.isRequired(),
                    writeOnly ? "" : shown(input, v), selected(v), choices, errors.getOrDefault(f.name(), List.of()),
                    f.maxLength()));
        }
        return out;
    }

    /** The inputs again after a refused post: what was entered, with the API's errors beside each input. */
    public static List<FormField> reshown(List<FormField> fields, FormData form, Map<String, List<String>> errors) {
        List<FormField> out = new ArrayList<>();
        for (FormField f : fields) {
            String value = switch (f.input()) {
                case CHECKBOX -> form.has(f.name()) ? "true" : "false";
                case PASSWORD -> "";
                default -> form.first(f.name(), "");
            };
            out.add(new FormField(f.name(), f.label(), f.help(), f.input(), f.required(), value,
                    new LinkedHashSet<>(form.all(f.name())), f.options(), errors.getOrDefault(f.name(), List.of()),
                    f.maxLength()));
        }
        return out;
    }

    private static String shown(Input input, Object v) {
        if (v == null) {
            return "";
        }
        return switch (input) {
            case CHECKBOX -> String.valueOf(Boolean.TRUE.equals(v));
            case LINES -> v instanceof List<?> l ? String.join("\n", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
            case YAML -> yaml(v);
            case DATETIME -> localDateTime(String.valueOf(v));
            case SELECT, MULTI_SELECT, CHECKBOXES -> "";
            default -> String.valueOf(v);
        };
    }

    private static Set<String> selected(Object v) {
        Set<String> out = new LinkedHashSet<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else if (v != null) {
            out.add(String.valueOf(v));
        }
        return out;
    }

    private static String yaml(Object v) {
        if (v instanceof Map<?, ?> m && m.isEmpty() || v instanceof List<?> l && l.isEmpty()) {
            return "";
        }
        return YAML.writeValueAsString(v);
    }

    private static String localDateTime(String iso) {
        try {
            return LocalDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** A request body built from a posted form, and the inputs that could not even be read (bad YAML). */
    public record Body(Map<String, Object> values, Map<String, List<String>> errors) {
    }

    /**
     * The API request body for {@code definition} from {@code form}: every writable field the form showed, typed
     * as the declaration says. An empty write-only field (a secret) is left out, so it stays as it is.
     */
    public static Body body(Definition<?> definition, FormData form) {
        return body(definition, form, dev.gatehouse.definition.Write.CREATE);
    }

    /**
     * As above, for creating an object or changing one: a new object's empty optional inputs are left out, so
     * the API's defaults apply (a generated client secret, the default signing key); a changed object's empty
     * inputs clear the field.
     */
    public static Body body(Definition<?> definition, FormData form, dev.gatehouse.definition.Write write) {
        boolean creating = write == dev.gatehouse.definition.Write.CREATE;
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (Field<?> f : definition.writable()) {
            Input input = input(f);
            if (input != Input.CHECKBOX && input != Input.MULTI_SELECT && input != Input.CHECKBOXES
                    && !form.has(f.name())) {
                continue;
            }
            // browsers send a textarea's line breaks as CRLF (HTML's form encoding): store them as typed, LF
            String text = form.first(f.name(), "").replace("\r\n", "\n");
            boolean integerPk = f.reference() != null && f.reference().pkType() == Long.class;
            switch (input) {
                case CHECKBOX -> values.put(f.name(), form.has(f.name()));
                case MULTI_SELECT, CHECKBOXES -> values.put(f.name(), form.all(f.name()).stream()
                        .filter(s -> !s.isBlank()).map(s -> integerPk ? number(s) : s).toList());
                case LINES -> values.put(f.name(), text.lines().map(String::trim).filter(s -> !s.isEmpty()).toList());
                case YAML -> {
                    if (text.isBlank()) {
                        if ("object".equals(f.kind().type())) {
                            values.put(f.name(), Map.of());
                        } else if ("array".equals(f.kind().type())) {
                            values.put(f.name(), List.of());
                        }
                    } else {
                        try {
                            values.put(f.name(), YAML.readValue(text, Object.class));
                        } catch (JacksonException e) {
                            errors.put(f.name(), List.of("Enter valid YAML: " + firstLine(e.getOriginalMessage())));
                        }
                    }
                }
                default -> {
                    if (text.isEmpty() && creating && !f.isRequired()) {
                        // left out: the API's default applies
                    } else if (text.isEmpty() && input != Input.TEXT && input != Input.TEXTAREA && input != Input.CODE) {
                        if (f.isNullable()) {
                            values.put(f.name(), null);
                        }
                    } else if (text.isEmpty() && f.isWriteOnly()) {
                        // a secret left empty stays as it is
                    } else if (text.isEmpty() && f.isNullable() && !f.isRequired()) {
                        values.put(f.name(), null);
                    } else {
                        values.put(f.name(), switch (input) {
                            case NUMBER -> number(text);
                            case SELECT -> integerPk ? number(text) : text;
                            case DATETIME -> text.length() == 16 ? text + ":00Z" : text.endsWith("Z") ? text : text + "Z";
                            default -> text;
                        });
                    }
                }
            }
        }
        return new Body(values, errors);
    }

    /** A whole number as a number, anything else as typed (the API then says it is not one). */
    private static Object number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return s;
        }
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
