package dev.gatehouse.flow.engine;

import java.util.List;
import java.util.Map;

/**
 * What a stage's HTML page needs besides its challenge: where the form posts, the form's CSRF token, and the errors
 * of the last answer by field.
 */
public record StageForm(String action, String formToken, Map<String, List<String>> errors) {

    /** Errors for one field, or those not tied to a field ({@code non_field_errors}). */
    public List<String> errorsFor(String field) {
        return errors.getOrDefault(field, List.of());
    }
}
