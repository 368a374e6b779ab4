package dev.gatehouse.stage.prompt;

import java.util.List;
import java.util.UUID;

/**
 * One prompt (authentik's {@code Prompt}): a form field that prompt stages show, named so that several stages can
 * share it. Its answer is stored in the flow's {@code prompt_data} under {@code fieldKey}. {@code choices} lists the
 * allowed values of a radio-button-group or dropdown field (authentik derives them from an expression in the
 * placeholder; Gatehouse keeps them as a plain list). The two expression switches are always false: prompt
 * expressions are not evaluated (the API refuses to turn them on).
 */
public record Prompt(UUID pk, String name, String fieldKey, String label, String type, boolean required,
                     String placeholder, String initialValue, String subText, int order, boolean placeholderExpression,
                     boolean initialValueExpression, List<String> choices) {
}
