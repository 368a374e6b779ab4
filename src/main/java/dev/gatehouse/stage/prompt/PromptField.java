package dev.gatehouse.stage.prompt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * One field of a prompt stage as the stage shows and reads it: a {@link Prompt} the stage names. {@code choices}
 * lists the allowed values of radio-button-group and dropdown fields; {@code initialValue} is null when blank.
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

    static PromptField of(Prompt p) {
        return new PromptField(p.fieldKey(), p.label(), p.type(), p.required(), p.placeholder(),
                p.initialValue().isEmpty() ? null : p.initialValue(), p.subText(), p.order(), p.choices());
    }

    /**
     * The stage's fields in display order: by each prompt's order, then as the stage lists them (as authentik).
     * A pk whose prompt is gone is skipped.
     */
    public static List<PromptField> of(DSLContext dsl, PromptStageType.Config config) {
        Map<UUID, Prompt> prompts = new PromptStore(dsl).byPks(config.fields());
        List<PromptField> fields = new ArrayList<>();
        for (UUID pk : config.fields()) {
            Prompt p = prompts.get(pk);
            if (p != null) {
                fields.add(of(p));
            }
        }
        fields.sort(Comparator.comparingInt(PromptField::order));
        return fields;
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
