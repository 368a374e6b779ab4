package dev.gatehouse.provider.oauth2.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the maps of several scope mappings become one set of claims, as authentik merges them (deepmerge's
 * "always merger"): maps merge key by key, lists are appended (the default profile mapping's {@code groups}
 * and a recipe's own {@code groups} both arrive), anything else is replaced by the later mapping's value.
 */
final class ClaimsMerge {
    private ClaimsMerge() {
    }

    /** Merges {@code from} into {@code into}. */
    static void merge(Map<String, Object> into, Map<?, ?> from) {
        from.forEach((k, v) -> {
            String key = String.valueOf(k);
            Object old = into.get(key);
            into.put(key, merged(old, v));
        });
    }

    private static Object merged(Object old, Object value) {
        if (old instanceof Map<?, ?> a && value instanceof Map<?, ?> b) {
            Map<String, Object> out = new LinkedHashMap<>();
            a.forEach((k, v) -> out.put(String.valueOf(k), v));
            merge(out, b);
            return out;
        }
        if (old instanceof List<?> a && value instanceof List<?> b) {
            List<Object> out = new ArrayList<>(a);
            out.addAll(b);
            return out;
        }
        return value;
    }
}
