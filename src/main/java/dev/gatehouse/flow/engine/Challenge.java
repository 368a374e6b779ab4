package dev.gatehouse.flow.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a stage asks of the client: authentik's challenge {@code component} and its fields
 * (CONTRACT.md "Challenge components"). The executor adds {@code flow_info} and {@code response_errors}.
 */
public record Challenge(String component, Map<String, Object> fields) {

    /** A challenge from alternating field names and values; null values are left out. */
    public static Challenge of(String component, Object... nameValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            if (nameValues[i + 1] != null) {
                fields.put((String) nameValues[i], nameValues[i + 1]);
            }
        }
        return new Challenge(component, fields);
    }

    public static Challenge accessDenied(String message) {
        return of("ak-stage-access-denied", "error_message", message);
    }
}
