package dev.gatehouse.stage.prompt;

import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.WireName;
import java.util.List;
import java.util.Map;

/** {@code ak-stage-prompt}: a form of the stage's configured fields, in order ({@code fields}). */
public record PromptChallenge(@WireName("fields") List<Map<String, Object>> promptFields) implements Challenge {
    public static final String COMPONENT = "ak-stage-prompt";

    @Override
    public String component() {
        return COMPONENT;
    }

    /** The fields as the HTML form renders them. */
    public List<PromptInput> inputs() {
        return promptFields.stream().map(PromptInput::of).toList();
    }
}
