package dev.gatehouse.web.ui;

import java.util.List;
import java.util.Map;

/**
 * What a flow page shows: the brand and flow titles, the form's target and CSRF token, and the current
 * challenge (component, fields, errors) or the message of a denied flow.
 */
public record FlowPage(String brandTitle, String flowTitle, String action, String formToken, String component,
                       Map<String, Object> fields, Map<String, List<String>> errors, String message) {

    public boolean is(String name) {
        return name.equals(component);
    }

    public String title() {
        return flowTitle == null || flowTitle.isBlank() ? brandTitle : flowTitle + " – " + brandTitle;
    }

    /** "Username", "Email" or "Username or email", from the identification stage's user_fields. */
    public String uidLabel() {
        Object f = fields.get("user_fields");
        List<?> list = f instanceof List<?> l ? l : List.of("username");
        boolean user = list.contains("username");
        boolean email = list.contains("email");
        return user && email ? "Username or email" : email ? "Email" : "Username";
    }

    public boolean passwordFields() {
        return Boolean.TRUE.equals(fields.get("password_fields"));
    }

    public String text(String field) {
        Object v = fields.get(field);
        return v == null ? null : v.toString();
    }

    /** A field as JSON text (WebAuthn options handed to the page's script), or null when absent. */
    public String json(String field) {
        Object v = fields.get(field);
        return v == null ? null : dev.gatehouse.core.Json.write(v);
    }

    /** A list field of maps (consent permissions, prompt fields); anything else reads as empty. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items(String field) {
        Object v = fields.get(field);
        if (!(v instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }

    /** A map field of names to values ({@code ak-stage-autosubmit}'s attrs); anything else reads as empty. */
    public Map<String, String> attrs() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (fields.get("attrs") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** The fields of an {@code ak-stage-prompt} challenge, in the order the stage sent them. */
    public List<PromptInput> promptFields() {
        return items("fields").stream().map(PromptInput::of).toList();
    }

    /** Errors for one field, and those not tied to a field ({@code non_field_errors}). */
    public List<String> errorsFor(String field) {
        return errors.getOrDefault(field, List.of());
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
