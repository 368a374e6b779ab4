package dev.gatehouse.config;

/**
 * Start-up configuration error: names the offending key so the operator can fix it from one line.
 */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
