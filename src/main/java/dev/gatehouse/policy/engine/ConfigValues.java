package dev.gatehouse.policy.engine;

import java.util.Map;

/** Typed reads of a stored policy config (validated on write, so a wrong type here is a bug). */
public final class ConfigValues {
    private ConfigValues() {
    }

    public static int integer(Map<String, Object> config, String key, int fallback) {
        return config.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    public static boolean bool(Map<String, Object> config, String key, boolean fallback) {
        return config.get(key) instanceof Boolean b ? b : fallback;
    }

    public static String string(Map<String, Object> config, String key, String fallback) {
        return config.get(key) instanceof String s ? s : fallback;
    }
}
