package dev.gatehouse.core;

import java.util.Map;
import java.util.UUID;

/**
 * What a stage or policy type checks beyond its config declaration, field by field: combinations of fields on a
 * complete config (defaults merged with what was given). Every problem becomes an error on its key (the key is a
 * top-level field of the API body).
 */
public final class ConfigCheck {
    /** Lookups a config may need to check its references to other objects. */
    public interface References {
        boolean flowExists(UUID pk);

        /** The authentication requirement of the flow with this pk ({@code none}, …), or {@code null} when there is none. */
        String flowAuthentication(UUID pk);

        /** The type of the stage with this pk, or {@code null} when there is none. */
        String stageType(UUID pk);

        boolean groupExists(UUID pk);

        boolean policyExists(UUID pk);
    }

    private final Map<String, Object> config;
    private final Validation v;
    private final References refs;

    public ConfigCheck(Map<String, Object> config, Validation v, References refs) {
        this.config = config;
        this.v = v;
        this.refs = refs;
    }

    public Object value(String key) {
        return config.get(key);
    }

    /** The type of the stage {@code pk} names (a UUID or its text), or null when there is none. */
    public String stageType(Object pk) {
        try {
            return refs.stageType(pk instanceof UUID u ? u : UUID.fromString(String.valueOf(pk)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The authentication requirement of the flow {@code pk} names (a UUID or its text), or null when there is none. */
    public String flowAuthentication(Object pk) {
        try {
            return refs.flowAuthentication(pk instanceof UUID u ? u : UUID.fromString(String.valueOf(pk)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public ConfigCheck error(String key, String message) {
        v.error(key, message);
        return this;
    }
}
