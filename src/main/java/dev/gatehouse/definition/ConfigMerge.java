package dev.gatehouse.definition;

import java.util.LinkedHashMap;
import java.util.Map;

/** How a stored config is overlaid with a caller's values: only the keys a type declares are taken. */
public final class ConfigMerge {
    private ConfigMerge() {
    }

    /** {@code base} overlaid with those {@code values} whose keys the type declares. */
    public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> values,
                                            Map<String, Object> declared) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        if (values != null) {
            values.forEach((k, val) -> {
                if (declared.containsKey(k)) {
                    out.put(k, val);
                }
            });
        }
        return out;
    }
}
