package dev.gatehouse.stage.prompt;

import java.util.List;
import java.util.Map;

/** One field of an {@code ak-stage-prompt} challenge as the HTML form renders it. */
public record PromptInput(String key, String label, String type, boolean required, String placeholder, String value,
                          String subText, List<String> choices) {

    static PromptInput of(Map<String, Object> f) {
        List<String> choices = f.get("choices") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        return new PromptInput(str(f.get("field_key")), str(f.get("label")), str(f.get("type")),
                Boolean.TRUE.equals(f.get("required")), str(f.get("placeholder")),
                f.get("initial_value") == null ? "" : String.valueOf(f.get("initial_value")), str(f.get("sub_text")), choices);
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    public String id() {
        return "prompt-" + key;
    }

    /** Rendered as a one-line {@code <input>} of {@link #inputType()}. */
    public boolean lineInput() {
        return List.of("text", "email", "username", "password", "number", "date", "date-time", "file").contains(type);
    }

    public String inputType() {
        return switch (type) {
            case "email", "password", "number", "date", "file" -> type;
            case "date-time" -> "datetime-local";
            default -> "text";
        };
    }

    public String autocomplete() {
        return switch (type) {
            case "username" -> "username";
            case "email" -> "email";
            case "password" -> "new-password";
            default -> "off";
        };
    }

    public boolean checked() {
        return "true".equals(value) || "on".equals(value);
    }
}
