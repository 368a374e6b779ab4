package dev.gatehouse.core.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Invalid input, reported per field as authentik does: {@code {field: ["message"]}}. */
public final class ValidationException extends RuntimeException {
    private final Map<String, List<String>> errors;

    public ValidationException(Map<String, List<String>> errors) {
        super(errors.toString());
        this.errors = Map.copyOf(errors);
    }

    public static ValidationException of(String field, String message) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(field, List.of(message));
        return new ValidationException(m);
    }

    public Map<String, List<String>> errors() {
        return errors;
    }
}
