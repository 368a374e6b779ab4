package dev.gatehouse.stage.prompt;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.flow.engine.StageType;
import dev.gatehouse.flow.engine.StageView;
import java.util.List;
import java.util.UUID;

/**
 * Shows a form of prompts; the answers go to the flow's {@code prompt_data}. As in authentik, the stage names its
 * prompts ({@code fields}: prompt pks, shown by each prompt's order) and the policies that check the answers.
 */
public final class PromptStageType implements StageType {
    public static final String NAME = "prompt";
    public static final List<String> FIELD_TYPES = List.of("text", "text_area", "text_read_only", "email",
            "username", "password", "number", "checkbox", "radio-button-group", "dropdown", "date", "date-time",
            "file", "separator", "hidden", "static", "ak-locale");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String apiPath() {
        return "prompt/stages";
    }

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(List<UUID> fields, List<UUID> validationPolicies) {
        public static final Field<List<UUID>> FIELDS = Field.refs("fields", "prompt").byDefault(List.of())
                .help("The prompts the stage shows (stages/prompt/prompts/), each by its order.");
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
    public StageView<?> view() {
        return VIEW;
    }
}
