package dev.gatehouse.stage.prompt;

import dev.gatehouse.flow.engine.FreeForm;
import java.util.Map;

/** The answer to {@code ak-stage-prompt}: one value per configured field key (free-form, so kept as sent). */
@FreeForm
public record PromptResponse(Map<String, Object> values) {

    public Object get(String fieldKey) {
        return values.get(fieldKey);
    }
}
