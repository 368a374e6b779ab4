package dev.gatehouse.stage.prompt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of a prompt stage, read from the stage's {@code fields} config (validated on save by
 * {@link PromptStageType}). {@code choices} lists the allowed values of radio-button-group and dropdown fields.
 */
public record PromptField(String fieldKey, String label, String type, boolean required, String placeholder,
                          String initialValue, String subText, int order, List<String> choices) {

    /** Types whose value is not sent back by the client: their value is the initial value (or nothing). */
    public boolean displayOnly() {
        return type.equals("static") || type.equals("separator") || type.equals("text_read_only");
    }

    public boolean secret() {
        return type.equals("password");
    }

    /** The stage's fields in display order (order, then as listed). */
    public static List<PromptField> of(PromptStageType.Config config) {
        List<PromptField> fields = new ArrayList<>();
        for (Map<String, Object> item : config.fields()) {
            if (item != null) {
                fields.add(from(item));
            }
        }
        fields.sort(Comparator.comparingInt(PromptField::order));
        return fields;
    }

    private static PromptField from(Map<?, ?> m) {
        List<String> choices = m.get("choices") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        return new PromptField(String.valueOf(m.get("field_key")), text(m.get("label"), String.valueOf(m.get("field_key"))),
                String.valueOf(m.get("type")), Boolean.TRUE.equals(m.get("required")), text(m.get("placeholder"), ""),
                text(m.get("initial_value"), null), text(m.get("sub_text"), ""),
                m.get("order") instanceof Number n ? n.intValue() : 0, choices);
    }

    private static String text(Object value, String fallback) {
        return value instanceof String s ? s : fallback;
    }

    /** The field as the {@code ak-stage-prompt} challenge lists it, with the value to show. */
    public Map<String, Object> challenge(String value) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("field_key", fieldKey);
        c.put("label", label);
        c.put("type", type);
        c.put("required", required);
        c.put("placeholder", placeholder);
        c.put("initial_value", value);
        c.put("order", order);
        c.put("sub_text", subText);
        if (!choices.isEmpty()) {
            c.put("choices", choices);
        }
        return c;
    }
}
