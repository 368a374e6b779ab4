package dev.gatehouse.stage.prompt;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.UUID;
import dev.gatehouse.definition.Kind;
import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.flow.engine.StageType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shows a form of prompt fields; the answers go to the flow's {@code prompt_data}. Fields are kept in the
 * stage's config ({@code fields}: field_key, label, type, required, placeholder, initial_value, sub_text,
 * order, choices) rather than as separately stored prompts.
 */
public final class PromptStageType implements StageType {
    public static final List<String> FIELD_TYPES = List.of("text", "text_area", "text_read_only", "email",
            "username", "password", "number", "checkbox", "radio-button-group", "dropdown", "date", "date-time",
            "file", "separator", "hidden", "static", "ak-locale");
    private static final Set<String> STRING_KEYS = Set.of("label", "placeholder", "initial_value", "sub_text");

    @Override
    public String name() {
        return "prompt";
    }

    @Override
    public String apiPath() {
        return "prompt/stages";
    }

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(List<Map<String, Object>> fields, List<UUID> validationPolicies) {
        public static final Field<List<Map<String, Object>>> FIELDS = Field.of("fields", Kind.listOf(Kind.OBJECT)).byDefault(List.of())
                .help("The prompts: field_key, label, type, required, placeholder, initial_value, sub_text, order, choices.");
        public static final Field<List<UUID>> VALIDATION_POLICIES = Field.refs("validation_policies", "policy").byDefault(List.of())
                .help("Policies that check the answers.");

        public static final Definition<Config> DEFINITION = Definition.define("prompt_stage", "PromptStage")
                .field(FIELDS, VALIDATION_POLICIES)
                .build(v -> new Config(v.value(FIELDS), v.value(VALIDATION_POLICIES)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    private static final PromptStageView VIEW = new PromptStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView<?> view() {
        return VIEW;
    }

    @Override
    public void validate(ConfigCheck c) {
        if (c.value("fields") instanceof List<?> fields) {
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < fields.size(); i++) {
                String problem = fieldProblem(fields.get(i), keys);
                if (problem != null) {
                    c.error("fields", "Field " + i + ": " + problem);
                    break;
                }
            }
        }
    }

    /** What is wrong with one prompt definition, or {@code null}. */
    static String fieldProblem(Object item, Set<String> seenKeys) {
        if (!(item instanceof Map<?, ?> f)) {
            return "expected a dictionary of items.";
        }
        if (!(f.get("field_key") instanceof String key) || key.isBlank()) {
            return "field_key is required.";
        }
        if (!seenKeys.add(key)) {
            return "field_key \"" + key + "\" is used twice.";
        }
        if (!(f.get("type") instanceof String type) || !FIELD_TYPES.contains(type)) {
            return "type \"" + f.get("type") + "\" is not a valid choice.";
        }
        for (String k : STRING_KEYS) {
            if (f.get(k) != null && !(f.get(k) instanceof String)) {
                return k + " must be a string.";
            }
        }
        if (f.get("required") != null && !(f.get("required") instanceof Boolean)) {
            return "required must be a boolean.";
        }
        if (f.get("choices") != null && !(f.get("choices") instanceof List<?> l && l.stream().allMatch(String.class::isInstance))) {
            return "choices must be a list of strings.";
        }
        if ((type.equals("radio-button-group") || type.equals("dropdown")) && !(f.get("choices") instanceof List<?> c && !c.isEmpty())) {
            return "a " + type + " field needs choices.";
        }
        if (f.get("order") != null && !(f.get("order") instanceof Integer || f.get("order") instanceof Long)) {
            return "order must be an integer.";
        }
        return null;
    }
}
